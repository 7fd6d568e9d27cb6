/**
 * Differential engine property: the LU evaluation agrees with iterative policy evaluation V ← r_π + γP_πV, run until
 * its contraction bound ‖V_k − V_π‖∞ ≤ γ^k·‖V_0 − V_π‖ ≤ … certifies 1e-9·scale; and policy iteration agrees with value
 * iteration.
 */
import { test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { mdpWithPolicies } from '../src/mdp/arbitraries/mdpWithPolicies.js';
import { evaluatePolicy } from '../src/policy/evaluatePolicy.js';
import { policyIteration } from '../src/policy/policyIteration.js';
import { valueIteration } from '../src/policy/valueIteration.js';
import { runs } from './budget.js';
import { applyPPi, maxAbs } from './engineBounds.js';

/** Iterative policy evaluation, stopped when the step is small enough that ‖V_k − V_π‖∞ ≤ tol (γ/(1−γ)·step). */
function iterativeEvaluation(
  transition: Float64Array,
  reward: Float64Array,
  pi: Float64Array,
  S: number,
  A: number,
  gamma: number,
  tol: number,
) {
  const rPi = new Float64Array(S);
  for (let s = 0; s < S; s++) for (let a = 0; a < A; a++) rPi[s] += pi[s * A + a] * reward[s * A + a];
  let v = new Float64Array(S);
  let next = new Float64Array(S);
  for (let k = 0; k < 10_000_000; k++) {
    applyPPi(transition, pi, S, A, v, next);
    let step = 0;
    for (let s = 0; s < S; s++) {
      next[s] = rPi[s] + gamma * next[s];
      step = Math.max(step, Math.abs(next[s] - v[s]));
    }
    [v, next] = [next, v];
    if ((gamma / (1 - gamma)) * step <= tol) return v;
  }
  throw new Error('iterative evaluation did not converge');
}

test.prop([mdpWithPolicies(1, { maxGamma: 0.99 })], { numRuns: runs(150) })(
  'LU evaluation = iterative evaluation',
  ({ mdp, policies: [pi] }) => {
    const { numStates: S, numActions: A, gamma } = mdp;
    const ev = evaluatePolicy(mdp, pi);
    const scale = Math.max(maxAbs(mdp.reward) / (1 - gamma), Number.MIN_VALUE);
    const tol = 1e-9 * scale;
    const v = iterativeEvaluation(mdp.transition, mdp.reward, pi, S, A, gamma, tol);
    // The iteration's own rounding: each sweep adds at most ~(S+A)u·scale, amplified by 1/(1−γ).
    const iterationRounding = (8 * (S + A) * 2 ** -53 * scale) / (1 - gamma);
    for (let s = 0; s < S; s++)
      expect(Math.abs(v[s] - ev.v[s])).toBeLessThanOrEqual(tol + ev.errorBound.v + iterationRounding);
  },
);

test.prop([mdpWithPolicies(0, { maxGamma: 0.99 })], { numRuns: runs(150) })(
  'policy iteration = value iteration',
  ({ mdp }) => {
    const scale = Math.max(maxAbs(mdp.reward) / (1 - mdp.gamma), Number.MIN_VALUE);
    const tol = 1e-9 * scale;
    const vi = valueIteration(mdp, tol);
    const sol = policyIteration(mdp);
    const iterationRounding = (8 * (mdp.numStates + mdp.numActions) * 2 ** -53 * scale) / (1 - mdp.gamma);
    for (let s = 0; s < mdp.numStates; s++) {
      expect(Math.abs(vi.v[s] - sol.vStar[s])).toBeLessThanOrEqual(tol / 2 + sol.errorBound.v + iterationRounding);
    }
  },
);
