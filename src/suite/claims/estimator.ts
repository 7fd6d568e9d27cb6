import fc from 'fast-check';
import type { Policy } from '../../policy/policy.js';
import { checkEstimatorUnbiased, checkUpdateObjective } from '../../verify/estimator.js';
import { worstVerdict } from '../../verify/verdict.js';
import { caseArbitrary } from './caseArbitraries.js';
import { defineClaim } from './claim.js';
import { caseStep, warmupArbitrary } from './updateClaim.js';

/** π̄ mixed halfway toward π_old (keeps supp π̄ ⊆ supp π_old for interior π_old). */
function mixed(piOld: Policy, piBar: Policy): Policy {
  return Float64Array.from(piBar, (x, i) => 0.5 * x + 0.5 * piOld[i]);
}

/**
 * Eq. (6) by exact enumeration, at the engine's own update π_new and at a generated π̄ (mixed with π_old half the
 * time): the estimator's mean equals the mirror objective, and the objective the update reports for π_new is that value.
 */
export const estimatorClaim = defineClaim({
  id: 'estimator',
  title: 'Eq. (6): the sample estimator of the mirror objective is unbiased, and the update reports its objective',
  reference: 'Kuba et al. 2022, Eq. (5) and (6) (Section 3.2)',
  policyNames: ['pi0', 'piBar'],
  numberNames: ['warmup'],
  baseRuns: 10,
  minMeaningful: 1,
  confirmation: 'exact-arithmetic',
  scope: 'configuration',
  applies: () => true,
  arbitrary: (_entry, options) =>
    fc.tuple(caseArbitrary(2, 'step', warmupArbitrary, options), fc.boolean()).map(([c, mix]) => ({
      ...c,
      policies: [c.policies[0], mix ? mixed(c.policies[0], c.policies[1]) : c.policies[1]],
    })),
  evaluate(registered, c, exact) {
    const step = caseStep(registered, c, exact);
    const verdict = worstVerdict([
      checkUpdateObjective(step),
      checkEstimatorUnbiased(step, step.piNew),
      checkEstimatorUnbiased(step, c.policies[1]),
    ]);
    return { verdict, meaningful: verdict.status !== 'outside' };
  },
});
