import { projectOntoSimplex } from '../simplex/projectOntoSimplex.js';
import { asBase } from './drift.js';

/**
 * Neyman χ² drift D_π(π̄|s) = Σ_a (π̄_a − π_a)²/π_a, +∞ where π̄ puts mass outside supp π. Convex and smooth on
 * supp π; Definition 1 holds on full-support π only (from a boundary π, leaving the support costs +∞).
 * Maximiser of ⟨p,g⟩ − c·χ²: p_a = π_a·max(0, 1 + g_a/(2c) − θ) with Σ = 1 — a weighted simplex projection.
 */
export const chiSquaredDrift = asBase({
  name: 'chi2',
  convex: true,
  interiorOnly: true,
  value(piBar: Float64Array, pi: Float64Array): number {
    let d = 0;
    for (let a = 0; a < pi.length; a++) {
      if (pi[a] === 0) {
        if (piBar[a] > 0) return Infinity;
        continue;
      }
      d += (piBar[a] - pi[a]) ** 2 / pi[a];
    }
    return d;
  },
  gradient(piBar: Float64Array, pi: Float64Array, _ctx: unknown, out: Float64Array): void {
    for (let a = 0; a < pi.length; a++) out[a] = pi[a] === 0 ? Infinity : (2 * (piBar[a] - pi[a])) / pi[a];
  },
  separable: {
    curvature: (a: number, _x: number, pi: Float64Array) => (pi[a] === 0 ? 0 : 2 / pi[a]),
    term: (a: number, x: number, pi: Float64Array) => (pi[a] === 0 ? (x > 0 ? Infinity : 0) : (x - pi[a]) ** 2 / pi[a]),
    derivative: (a: number, x: number, _side: 1 | -1, pi: Float64Array) =>
      pi[a] === 0 ? Infinity : (2 * (x - pi[a])) / pi[a],
  },
  maximize(g: Float64Array, c: number, pi: Float64Array, _ctx: unknown, out: Float64Array): void {
    // Relative to max g over supp π (see squaredL2Drift: a subnormal c must not turn g/(2c) into ∞ − ∞).
    let gMax = -Infinity;
    for (let a = 0; a < g.length; a++) if (pi[a] > 0) gMax = Math.max(gMax, g[a]);
    const y = new Float64Array(g.length);
    for (let a = 0; a < g.length; a++) y[a] = 1 + (g[a] - gMax) / (2 * c);
    projectOntoSimplex(y, pi, out);
  },
});
