import fc from 'fast-check';
import type { Policy } from '../../policy/policy.js';
import { checkOffPolicyEstimatorUnbiased } from '../../verify/offPolicyEstimator.js';
import { caseArbitrary } from './caseArbitraries.js';
import { defineClaim } from './claim.js';
import { entryOf, evaluation, moved } from './claimCase.js';

/** Appendix E's importance weights, exactly: algebra on Q alone, so it runs once, not per configuration. */
export const offPolicyEstimatorClaim = defineClaim({
  id: 'off-policy-estimator',
  title: 'Appendix E: the off-policy estimator (π̄/π_hist)·Q has mean E_π̄[Q] (exact enumeration)',
  reference: 'Kuba et al. 2022, Appendix E',
  policyNames: ['piOld', 'piBar', 'piHist1', 'piHist2'],
  numberNames: ['h1', 'h2'],
  baseRuns: 200,
  minMeaningful: 1,
  confirmation: 'exact-arithmetic',
  scope: 'once',
  applies: () => true,
  arbitrary: (_entry, options) =>
    caseArbitrary(4, 'step', fc.tuple(fc.integer({ min: 1, max: 4 }), fc.nat({ max: 4 })), options).map((c) => {
      const [piOld, piBar, h1, h2] = c.policies;
      // Past policies mixed with π_old keep its support; π̄ mixed with π_old too half the time.
      const mix = (p: Policy) => Float64Array.from(p, (x, i) => 0.5 * x + 0.5 * piOld[i]);
      return { ...c, policies: [piOld, c.numbers[1] % 2 === 1 ? mix(piBar) : piBar, mix(h1), mix(h2)] };
    }),
  evaluate(registered, c) {
    const entry = entryOf(registered, c);
    const [piOld, piBar, h1, h2] = c.policies;
    const ev = evaluation(entry, c.mdp)(piOld);
    const h = Float64Array.from([c.numbers[0], c.numbers[1]]);
    const verdict = checkOffPolicyEstimatorUnbiased(ev.q, c.mdp.numActions, piBar, [h1, h2], h);
    return { verdict, meaningful: verdict.status !== 'outside' && moved(piOld, piBar) };
  },
});
