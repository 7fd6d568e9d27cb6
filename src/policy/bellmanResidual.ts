import type { Mdp } from '../mdp/mdp.js';
import { roundingAllowance, roundingGamma, UNIT_ROUNDOFF } from '../numeric/rounding.js';
import { actionValues } from './actionValues.js';

/**
 * Certifies a value vector against the Bellman optimality operator T V(s) = max_a [r(s,a) + γ Σ_s' P(s'|s,a) V(s')]:
 * since T is a γ-contraction with fixed point V*, ‖V* − V‖∞ ≤ ‖T V − V‖∞ / (1 − γ) (docs/engine.md).
 * Returns the residual ‖TV − V‖∞, the certified bound on ‖V* − V‖∞ (rounding of computing TV included), Q = r + γPV
 * and the rounding bound of Q. `known` passes a Q (and its rounding bound) already computed for this V.
 */
export function bellmanResidual(
  mdp: Mdp,
  v: Float64Array,
  known?: { q: Float64Array; rounding: number },
): { residual: number; errorBound: number; q: Float64Array; rounding: number } {
  const { numStates: S, numActions: A, gamma } = mdp;
  const q = known?.q ?? new Float64Array(S * A);
  const rounding = known?.rounding ?? actionValues(mdp, v, q);
  let residual = 0;
  let vMax = 0;
  for (let s = 0; s < S; s++) {
    let best = -Infinity;
    for (let a = 0; a < A; a++) best = Math.max(best, q[s * A + a]);
    residual = Math.max(residual, Math.abs(best - v[s]));
    vMax = Math.max(vMax, Math.abs(v[s]));
  }
  const gap = 1 - gamma * (1 + roundingGamma(S + 2));
  const errorBound = ((residual + rounding + roundingAllowance(1, vMax + residual)) / gap) * (1 + 4 * UNIT_ROUNDOFF);
  return { residual, errorBound, q, rounding };
}
