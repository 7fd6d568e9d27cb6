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
  const n = S * A;
  let sa = 0;
  // Four (s,a) rows per pass share each load of V.
  for (; sa + 3 < n; sa += 4) {
    const r0 = sa * S;
    const r1 = r0 + S;
    const r2 = r1 + S;
    const r3 = r2 + S;
    let acc0 = 0;
    let acc1 = 0;
    let acc2 = 0;
    let acc3 = 0;
    for (let t = 0; t < S; t++) {
      const x = v[t];
      acc0 += transition[r0 + t] * x;
      acc1 += transition[r1 + t] * x;
      acc2 += transition[r2 + t] * x;
      acc3 += transition[r3 + t] * x;
    }
    q[sa] = reward[sa] + gamma * acc0;
    q[sa + 1] = reward[sa + 1] + gamma * acc1;
    q[sa + 2] = reward[sa + 2] + gamma * acc2;
    q[sa + 3] = reward[sa + 3] + gamma * acc3;
  }
  for (; sa < n; sa++) {
    const row = sa * S;
    let acc = 0;
    for (let t = 0; t < S; t++) acc += transition[row + t] * v[t];
    q[sa] = reward[sa] + gamma * acc;
  }
  for (let i = 0; i < n; i++) maxAbsR = Math.max(maxAbsR, Math.abs(reward[i]));
  return roundingAllowance(S + 2, maxAbsR + gamma * maxAbsV * (1 + roundingGamma(S)));
}
