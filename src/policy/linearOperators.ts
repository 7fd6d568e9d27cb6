import { roundingAllowance } from '../numeric/rounding.js';

/** max_i |x_i| */
export function maxAbs(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  return m;
}

/** out = P_π x, i.e. out(s) = Σ_a π(a|s) Σ_s' P(s'|s,a) x(s') (Kuba et al. 2022, Section 2). */
export function applyPPi(
  transition: Float64Array,
  pi: Float64Array,
  S: number,
  A: number,
  x: Float64Array,
  out: Float64Array,
): Float64Array {
  for (let s = 0; s < S; s++) {
    let acc = 0;
    for (let a = 0; a < A; a++) {
      const w = pi[s * A + a];
      if (w === 0) continue;
      let inner = 0;
      for (let t = 0; t < S; t++) inner += transition[(s * A + a) * S + t] * x[t];
      acc += w * inner;
    }
    out[s] = acc;
  }
  return out;
}

/**
 * y = (I − γ P_π) x for a policy π, with the rounding allowance of computing it (an (S+A+4)-term dot product per
 * state whose magnitude is at most (1+γ)‖x‖∞).
 */
export function applyIMinusGammaPPi(
  transition: Float64Array,
  pi: Float64Array,
  S: number,
  A: number,
  gamma: number,
  x: Float64Array,
): { y: Float64Array; rounding: number } {
  const y = applyPPi(transition, pi, S, A, x, new Float64Array(S));
  for (let s = 0; s < S; s++) y[s] = x[s] - gamma * y[s];
  return { y, rounding: roundingAllowance(S + A + 4, (1 + gamma) * maxAbs(x)) };
}
