import { asBase } from './drift.js';

/**
 * Reverse KL drift D_π(π̄|s) = KL(π̄(·|s) ‖ π(·|s)) = Σ_a π̄_a log(π̄_a/π_a), +∞ where π̄ puts mass outside supp π
 * (MDPO's drift, scaled by 1/t; Kuba et al. 2022, Appendix D). Convex. Definition 1 holds on full-support π only:
 * from a boundary π every direction that leaves its support has infinite drift.
 *
 * Maximiser of ⟨p,g⟩ − c·KL(p‖π): p_a ∝ π_a exp(g_a/c) (a softmax, computed in log space).
 */
export const reverseKlDrift = asBase({
  name: 'rkl',
  convex: true,
  interiorOnly: true,
  value(piBar: Float64Array, pi: Float64Array): number {
    let d = 0;
    for (let a = 0; a < pi.length; a++) {
      const q = piBar[a];
      if (q === 0) continue;
      if (pi[a] === 0) return Infinity;
      d += q * (Math.log(q) - Math.log(pi[a]));
    }
    return Math.max(0, d);
  },
  gradient(piBar: Float64Array, pi: Float64Array, _ctx: unknown, out: Float64Array): void {
    for (let a = 0; a < pi.length; a++)
      out[a] = pi[a] === 0 ? Infinity : piBar[a] === 0 ? -Infinity : Math.log(piBar[a]) - Math.log(pi[a]) + 1;
  },
  separable: {
    curvature: (_a: number, x: number) => 1 / x,
    term: (a: number, x: number, pi: Float64Array) =>
      x === 0 ? 0 : pi[a] === 0 ? Infinity : x * (Math.log(x) - Math.log(pi[a])),
    derivative: (a: number, x: number, _side: 1 | -1, pi: Float64Array) =>
      pi[a] === 0 ? Infinity : x === 0 ? -Infinity : Math.log(x) - Math.log(pi[a]) + 1,
  },
  maximize(g: Float64Array, c: number, pi: Float64Array, _ctx: unknown, out: Float64Array): void {
    // In log space: log p_a = log π_a + (g_a − max g)/c − logΣ, so subnormal π_a and huge g/c neither underflow nor
    // overflow (shifting g by a constant leaves the maximiser; unshifted, g/c = ∞ for a subnormal c gave ∞ − ∞ = NaN).
    let gMax = -Infinity;
    for (let a = 0; a < g.length; a++) if (pi[a] > 0) gMax = Math.max(gMax, g[a]);
    const logW = new Float64Array(g.length).fill(-Infinity);
    let max = -Infinity;
    for (let a = 0; a < g.length; a++) {
      if (pi[a] === 0) continue;
      logW[a] = Math.log(pi[a]) + (g[a] - gMax) / c;
      max = Math.max(max, logW[a]);
    }
    let total = 0;
    for (let a = 0; a < g.length; a++) if (pi[a] > 0) total += Math.exp(logW[a] - max);
    const logTotal = max + Math.log(total);
    for (let a = 0; a < g.length; a++) out[a] = pi[a] > 0 ? Math.exp(logW[a] - logTotal) : 0;
  },
});
