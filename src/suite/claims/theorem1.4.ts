import fc from 'fast-check';
import { exactOptimum } from '../../policy/exactEvaluation.js';
import { policyIteration } from '../../policy/policyIteration.js';
import { checkTheorem1FixedPoint } from '../../verify/theorem1.4.js';
import { caseArbitrary } from './caseArbitraries.js';
import { defineClaim } from './claim.js';
import { decisionMdp } from './claimCase.js';
import { caseStep, warmupArbitrary } from './updateClaim.js';

/** Theorem 1.4 / Definition 4 from random, optimal and half-optimal policies (fixed points must be optimal). */
export const theorem1_4Claim = defineClaim({
  id: 'theorem-1.4',
  title: 'Theorem 1.4: a fixed point of the update is optimal; a non-optimal π has an improving edge',
  reference: 'Kuba et al. 2022, Theorem 1.4 (Section 3.2, Appendix B) and Definition 4 (Section 6)',
  policyNames: ['pi0'],
  numberNames: ['warmup'],
  baseRuns: 8,
  minMeaningful: 1,
  confirmation: 'exact-evaluation',
  scope: 'configuration',
  applies: () => true,
  arbitrary(_entry, options) {
    return fc.tuple(caseArbitrary(1, 'step', warmupArbitrary, options), fc.nat({ max: 2 })).map(([c, mode]) => {
      if (mode === 0) return c;
      const star = policyIteration(c.mdp).policy;
      const theta = mode === 1 ? 1 : 0.5;
      return { ...c, policies: [Float64Array.from(c.policies[0], (x, i) => (1 - theta) * x + theta * star[i])] };
    });
  },
  evaluate(registered, c, exact) {
    const step = caseStep(registered, c, exact);
    const optimum = policyIteration(c.mdp);
    const verdict = checkTheorem1FixedPoint(step, exact ? exactOptimum(c.mdp, optimum) : optimum);
    return { verdict, meaningful: decisionMdp(c.mdp) && verdict.status !== 'outside' };
  },
});
