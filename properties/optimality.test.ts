/**
 * Engine properties of V* (Kuba et al. 2022, Section 2): V* ≥ V_π at every state for any π, and V* = max_a Q*; the optimal
 * deterministic policy attains V*. Every comparison is certified: it may fail only by more than the errors' sum.
 */
import { test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { mdpWithPolicies } from '../src/mdp/arbitraries/mdpWithPolicies.js';
import { roundingAllowance } from '../src/numeric/rounding.js';
import { evaluatePolicy } from '../src/policy/evaluatePolicy.js';
import { policyIteration } from '../src/policy/policyIteration.js';
import { runs } from './budget.js';

test.prop([mdpWithPolicies(1)], { numRuns: runs(300) })('V* ≥ V_π at every state', ({ mdp, policies: [pi] }) => {
  const sol = policyIteration(mdp);
  const ev = evaluatePolicy(mdp, pi);
  for (let s = 0; s < mdp.numStates; s++) {
    expect(sol.vStar[s] - ev.v[s]).toBeGreaterThanOrEqual(-(sol.errorBound.v + ev.errorBound.v));
  }
  expect(sol.etaStar - ev.eta).toBeGreaterThanOrEqual(-(sol.errorBound.eta + ev.errorBound.eta));
});

test.prop([mdpWithPolicies(0)], { numRuns: runs(300) })(
  'V* = max_a Q*, and the optimal policy attains V*',
  ({ mdp }) => {
    const { numStates: S, numActions: A } = mdp;
    const sol = policyIteration(mdp);
    const ev = evaluatePolicy(mdp, sol.policy);
    for (let s = 0; s < S; s++) {
      let best = -Infinity;
      for (let a = 0; a < A; a++) best = Math.max(best, sol.qStar[s * A + a]);
      expect(Math.abs(best - sol.vStar[s])).toBeLessThanOrEqual(
        sol.errorBound.v + sol.errorBound.q + roundingAllowance(1, Math.abs(best)),
      );
      expect(Math.abs(ev.v[s] - sol.vStar[s])).toBeLessThanOrEqual(sol.errorBound.v + ev.errorBound.v);
    }
  },
);
