import { decreasingRoot } from '../simplex/decreasingRoot.js';
import { asBase } from './drift.js';

/**
 * Forward KL drift D_π(π̄|s) = KL(π(·|s) ‖ π̄(·|s)) = Σ_a π_a log(π_a/π̄_a), +∞ where π̄ drops support of π
 * (TRPO's divergence, PPO-KL's penalty; Kuba et al. 2022, Appendix D). Convex in π̄. At a boundary π its derivative in a
 * direction v = p − π is p(outside supp π), not 0, so Definition 1 holds on full-support π only.
 *
 * Maximiser of ⟨p,g⟩ − c·KL(π‖p): on supp π, p_a = cπ_a/(λ − g_a) with λ > max_{supp} g the root of Σ cπ_a/(λ−g_a) = 1;
 * if an action outside supp π has g above that λ, λ = G_off := max_{a∉supp} g_a and the mass left goes to the
 * lowest-index action attaining G_off (no barrier keeps p there at 0).
 */
export const forwardKlDrift = asBase({
  name: 'kl',
  convex: true,
  interiorOnly: true,
  value(piBar: Float64Array, pi: Float64Array): number {
    let d = 0;
    for (let a = 0; a < pi.length; a++) {
      const p = pi[a];
      if (p === 0) continue;
      if (piBar[a] === 0) return Infinity;
      d += p * Math.log(p / piBar[a]);
    }
    return Math.max(0, d);
  },
  gradient(piBar: Float64Array, pi: Float64Array, _ctx: unknown, out: Float64Array): void {
    for (let a = 0; a < pi.length; a++) out[a] = pi[a] === 0 ? 0 : -pi[a] / piBar[a];
  },
  maximize(g: Float64Array, c: number, pi: Float64Array, _ctx: unknown, out: Float64Array): void {
    barrierMaximize(g, pi, out, (gap, piA) => (c * piA) / gap, c);
  },
});

/**
 * Shared solver for drifts whose maximiser on supp π has the form p_a = m(λ − g_a, π_a) with m decreasing in its first
 * argument and no barrier outside supp π (forward KL, squared Hellinger). `reach` bounds λ − max g from above
 * (Σ m(reach, π_a) ≤ 1).
 */
export function barrierMaximize(
  g: Float64Array,
  pi: Float64Array,
  out: Float64Array,
  m: (gap: number, piA: number) => number,
  reach: number,
): void {
  const A = g.length;
  let maxSupp = -Infinity;
  let offBest = -1;
  for (let a = 0; a < A; a++) {
    if (pi[a] > 0) maxSupp = Math.max(maxSupp, g[a]);
    else if (offBest < 0 || g[a] > g[offBest]) offBest = a;
  }
  const mass = (lambda: number) => {
    let s = 0;
    for (let a = 0; a < A; a++) if (pi[a] > 0) s += m(lambda - g[a], pi[a]);
    return s;
  };
  out.fill(0);
  if (offBest >= 0 && g[offBest] > maxSupp && mass(g[offBest]) <= 1) {
    const lambda = g[offBest];
    let used = 0;
    for (let a = 0; a < A; a++) if (pi[a] > 0) used += out[a] = m(lambda - g[a], pi[a]);
    out[offBest] = Math.max(0, 1 - used);
    return;
  }
  const lo = offBest >= 0 ? Math.max(maxSupp, g[offBest]) : maxSupp;
  let hi = maxSupp + reach;
  while (mass(hi) > 1) hi = lo + 2 * (hi - lo); // only when rounding put mass(maxSupp + reach) a hair above 1
  const root = decreasingRoot((lambda) => (lambda <= lo ? 1 : mass(lambda) - 1), lo, hi);
  let total = 0;
  for (let a = 0; a < A; a++) if (pi[a] > 0) total += out[a] = m(root.hi - g[a], pi[a]);
  for (let a = 0; a < A; a++) out[a] /= total;
}
