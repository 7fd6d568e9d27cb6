/**
 * Engine property: evaluation is invariant to relabelling states. For a permutation σ of S, the MDP with
 * P'(σt|σs,a) = P(t|s,a), r'(σs,a) = r(s,a), d'(σs) = d(s) and the policy π'(·|σs) = π(·|s) has V'(σs) = V(s),
 * ρ̄'(σs) = ρ̄(s) and η' = η, within the certified bounds.
 */
import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import type { Mdp } from '../src/mdp/mdp.js';
import { mdpWithPolicies } from '../src/mdp/arbitraries/mdpWithPolicies.js';
import { evaluatePolicy } from '../src/policy/evaluatePolicy.js';
import { runs } from './budget.js';

function relabel(mdp: Mdp, pi: Float64Array, sigma: number[]): { mdp: Mdp; pi: Float64Array } {
  const { numStates: S, numActions: A } = mdp;
  const reward = new Float64Array(S * A);
  const transition = new Float64Array(S * A * S);
  const initial = new Float64Array(S);
  const piNew = new Float64Array(S * A);
  for (let s = 0; s < S; s++) {
    initial[sigma[s]] = mdp.initial[s];
    for (let a = 0; a < A; a++) {
      reward[sigma[s] * A + a] = mdp.reward[s * A + a];
      piNew[sigma[s] * A + a] = pi[s * A + a];
      for (let t = 0; t < S; t++) transition[(sigma[s] * A + a) * S + sigma[t]] = mdp.transition[(s * A + a) * S + t];
    }
  }
  return { mdp: { ...mdp, reward, transition, initial }, pi: piNew };
}

const withPermutation = mdpWithPolicies(1).chain((x) =>
  fc
    .shuffledSubarray([...Array(x.mdp.numStates).keys()], { minLength: x.mdp.numStates })
    .map((sigma) => ({ ...x, sigma })),
);

test.prop([withPermutation], { numRuns: runs(200) })(
  'evaluation is invariant to relabelling states',
  ({ mdp, policies: [pi], sigma }) => {
    const a = evaluatePolicy(mdp, pi);
    const r = relabel(mdp, pi, sigma);
    const b = evaluatePolicy(r.mdp, r.pi);
    for (let s = 0; s < mdp.numStates; s++) {
      expect(Math.abs(a.v[s] - b.v[sigma[s]])).toBeLessThanOrEqual(a.errorBound.v + b.errorBound.v);
      expect(Math.abs(a.visitation[s] - b.visitation[sigma[s]])).toBeLessThanOrEqual(
        a.errorBound.visitation + b.errorBound.visitation,
      );
    }
    expect(Math.abs(a.eta - b.eta)).toBeLessThanOrEqual(a.errorBound.eta + b.errorBound.eta);
  },
);
