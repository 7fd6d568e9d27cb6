import { definition1Claim, definition2Claim, samplingClaim } from './axiomClaims.js';
import type { Claim } from './claim.js';
import { pathWeightClaim, theorem1ConvergenceClaim } from './runClaims.js';
import {
  estimatorClaim,
  exactIdentityClaim,
  lemma1Claim,
  lemma2Claim,
  offPolicyEstimatorClaim,
  ppoIdentityClaim,
  theorem1FixedPointClaim,
  theorem1ImprovementClaim,
} from './stepClaims.js';

export * from './claim.js';
export * from './caseArbitraries.js';
export * from './axiomClaims.js';
export * from './runClaims.js';
export * from './stepClaims.js';

/** Every claim, axioms first (the order of the gate's table and of the summary). */
export const CLAIMS: readonly Claim[] = [
  definition1Claim,
  definition2Claim,
  samplingClaim,
  lemma1Claim,
  lemma2Claim,
  theorem1ImprovementClaim,
  theorem1ConvergenceClaim,
  theorem1FixedPointClaim,
  pathWeightClaim,
  exactIdentityClaim,
  ppoIdentityClaim,
  estimatorClaim,
  offPolicyEstimatorClaim,
];

export function claimById(id: string): Claim | undefined {
  return CLAIMS.find((c) => c.id === id);
}
