import { projectOntoSimplex } from '../simplex/projectOntoSimplex.js';
import { asBase } from './drift.js';

/**
 * Squared Euclidean drift D_π(π̄|s) = ‖π̄(·|s) − π(·|s)‖² (Kuba et al. 2022, Section 7). Convex, smooth; a drift on the
 * whole simplex. Maximiser of ⟨p,g⟩ − c‖p − π‖²: the projection of π + g/(2c) onto the simplex (exact, by sorting).
 */
export const squaredL2Drift = asBase({
  name: 'l2',
  convex: true,
  value(piBar: Float64Array, pi: Float64Array): number {
    let d = 0;
    for (let a = 0; a < pi.length; a++) d += (piBar[a] - pi[a]) ** 2;
    return d;
  },
  gradient(piBar: Float64Array, pi: Float64Array, _ctx: unknown, out: Float64Array): void {
    for (let a = 0; a < pi.length; a++) out[a] = 2 * (piBar[a] - pi[a]);
  },
  separable: {
    curvature: () => 2,
    term: (a: number, x: number, pi: Float64Array) => (x - pi[a]) ** 2,
    derivative: (a: number, x: number, _side: 1 | -1, pi: Float64Array) => 2 * (x - pi[a]),
  },
  maximize(g: Float64Array, c: number, pi: Float64Array, _ctx: unknown, out: Float64Array): void {
    // Relative to max g (the projection is invariant under adding a constant to every entry): for a subnormal c,
    // g/(2c) overflows to ∞ and ∞ − ∞ is NaN, while (g − max g)/(2c) is at worst −∞, which the projection zeroes.
    let gMax = -Infinity;
    for (let a = 0; a < g.length; a++) gMax = Math.max(gMax, g[a]);
    if (scratch.length !== g.length) scratch = new Float64Array(g.length);
    const y = scratch;
    for (let a = 0; a < g.length; a++) y[a] = pi[a] + (g[a] - gMax) / (2 * c);
    projectOntoSimplex(y, null, out);
  },
});

/** The point projected, one per number of actions (every state of every update of an L2 drift). */
let scratch = new Float64Array(0);
