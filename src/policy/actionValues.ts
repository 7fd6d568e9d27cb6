import type { Mdp } from '../mdp/mdp.js';
import { roundingAllowance, roundingGamma } from '../numeric/rounding.js';

/**
 * Q(s,a) = r(s,a) + γ Σ_s' P(s'|s,a) V(s') (Kuba et al. 2022, Section 2), written into `q` (length S·A).
 * Returns a bound on the rounding error of this computation alone: γ_{S+2}·(Rmax + γ·‖V‖∞·(1+γ_S)) + underflow.
 */
export function actionValues(mdp: Mdp, v: Float64Array, q: Float64Array): number {
  const { numStates: S, numActions: A, gamma, reward, transition } = mdp;
  let maxAbsR = 0;
  let maxAbsV = 0;
  for (let s = 0; s < S; s++) maxAbsV = Math.max(maxAbsV, Math.abs(v[s]));
  for (let sa = 0; sa < S * A; sa++) {
    const row = sa * S;
    let acc = 0;
    for (let t = 0; t < S; t++) acc += transition[row + t] * v[t];
    q[sa] = reward[sa] + gamma * acc;
    maxAbsR = Math.max(maxAbsR, Math.abs(reward[sa]));
  }
  return roundingAllowance(S + 2, maxAbsR + gamma * maxAbsV * (1 + roundingGamma(S)));
}
