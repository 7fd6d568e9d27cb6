import { asBase } from './drift.js';
import { barrierMaximize } from './forwardKlDrift.js';

/**
 * Squared Hellinger drift D_π(π̄|s) = Σ_a (√π̄_a − √π_a)² = 2 − 2Σ_a √(π̄_a π_a). Convex, bounded by 2, finite
 * everywhere. At a boundary π its derivative toward mass outside supp π is that mass (√ε·√ε), so Definition 1 holds on
 * full-support π only. Maximiser of ⟨p,g⟩ − c·H²: on supp π, p_a = c²π_a/(λ − g_a)² with Σ = 1 (a 1-D root), and
 * the same treatment of actions outside supp π as the forward KL.
 */
export const hellingerDrift = asBase({
  name: 'hellinger',
  convex: true,
  interiorOnly: true,
  value(piBar: Float64Array, pi: Float64Array): number {
    let d = 0;
    for (let a = 0; a < pi.length; a++) d += (Math.sqrt(piBar[a]) - Math.sqrt(pi[a])) ** 2;
    return d;
  },
  gradient(piBar: Float64Array, pi: Float64Array, _ctx: unknown, out: Float64Array): void {
    for (let a = 0; a < pi.length; a++) out[a] = pi[a] === 0 ? 1 : 1 - Math.sqrt(pi[a] / piBar[a]);
  },
  separable: {
    curvature: (a: number, x: number, pi: Float64Array) =>
      pi[a] === 0 ? 0 : (0.5 * Math.sqrt(pi[a])) / (x * Math.sqrt(x)),
    term: (a: number, x: number, pi: Float64Array) => (Math.sqrt(x) - Math.sqrt(pi[a])) ** 2,
    derivative: (a: number, x: number, _side: 1 | -1, pi: Float64Array) =>
      pi[a] === 0 ? 1 : x === 0 ? -Infinity : 1 - Math.sqrt(pi[a] / x),
  },
  maximize(g: Float64Array, c: number, pi: Float64Array, _ctx: unknown, out: Float64Array): void {
    barrierMaximize(g, pi, out, 2 * Math.log(c), -2, c);
  },
});
