import type { Claim } from './claim.js';
import { definition1Claim } from './definition1.js';
import { definition2Claim } from './definition2.js';
import { estimatorClaim } from './estimator.js';
import { identityClaim } from './identity.js';
import { inequality9Claim } from './inequality9.js';
import { lemma1Claim } from './lemma1.js';
import { lemma2Claim } from './lemma2.js';
import { offPolicyEstimatorClaim } from './offPolicyEstimator.js';
import { ppoIdentityClaim } from './ppoIdentity.js';
import { samplingClaim } from './sampling.js';
import { theorem1_1Claim } from './theorem1.1.js';
import { theorem1_2Claim } from './theorem1.2.js';
import { theorem1_4Claim } from './theorem1.4.js';
import { updateOptimalityClaim } from './updateOptimality.js';

export * from './claim.js';
export * from './caseArbitraries.js';
export * from './claimCase.js';
export { definition1Claim, definition2Claim, samplingClaim, lemma1Claim, lemma2Claim, updateOptimalityClaim };
export { theorem1_1Claim, theorem1_2Claim, theorem1_4Claim, inequality9Claim };
export { identityClaim, ppoIdentityClaim, estimatorClaim, offPolicyEstimatorClaim };
export { caseRun, RUN_ITERATIONS, GATE_RUN_ITERATIONS } from './runCase.js';
export { updateClaim, caseStep } from './updateClaim.js';
export { ppoEpsilon } from './ppoIdentity.js';

/** Every claim, axioms first (the order of the gate's table and of the summary). */
export const CLAIMS: readonly Claim[] = [
  definition1Claim,
  definition2Claim,
  samplingClaim,
  lemma1Claim,
  lemma2Claim,
  updateOptimalityClaim,
  theorem1_1Claim,
  theorem1_2Claim,
  theorem1_4Claim,
  inequality9Claim,
  identityClaim,
  ppoIdentityClaim,
  estimatorClaim,
  offPolicyEstimatorClaim,
];

export function claimById(id: string): Claim | undefined {
  return CLAIMS.find((c) => c.id === id);
}
