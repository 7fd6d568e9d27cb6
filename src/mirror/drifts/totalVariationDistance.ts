import { canonicalDrift, type Drift, type SeparableTerms } from './drift.js';

/**
 * Total-variation distance TV(π̄, π) = ½‖π̄ − π‖₁. **Not a drift** (its directional derivative at π is ½‖v‖₁ ≠ 0:
 * Definition 1 fails, docs/verification.md, "Teeth"); it is the inner function of the squared TV drift and a valid ball divergence.
 * Separable: term_a(x) = ½|x − π_a|, one-sided derivatives ±½.
 */
export const totalVariationDistance: Drift & { separable: SeparableTerms } = canonicalDrift({
  name: 'tv',
  convex: true,
  value(piBar: Float64Array, pi: Float64Array): number {
    let d = 0;
    for (let a = 0; a < pi.length; a++) d += Math.abs(piBar[a] - pi[a]);
    return d / 2;
  },
  gradient(piBar: Float64Array, pi: Float64Array, _ctx: unknown, out: Float64Array): void {
    for (let a = 0; a < pi.length; a++) out[a] = Math.sign(piBar[a] - pi[a]) / 2;
  },
  separable: {
    curvature: () => 0,
    kinks: (a: number, pi: Float64Array) => (pi[a] > 0 && pi[a] < 1 ? [pi[a]] : []),
    term: (a: number, x: number, pi: Float64Array) => Math.abs(x - pi[a]) / 2,
    derivative: (a: number, x: number, side: 1 | -1, pi: Float64Array) =>
      x > pi[a] ? 0.5 : x < pi[a] ? -0.5 : side / 2,
  },
});
