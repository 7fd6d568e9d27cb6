import { scaleFreeRoot } from '../simplex/scaleFreeRoot.js';
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
  separable: {
    term: (a: number, x: number, pi: Float64Array) =>
      pi[a] === 0 ? 0 : x === 0 ? Infinity : pi[a] * Math.log(pi[a] / x),
    derivative: (a: number, x: number, _side: 1 | -1, pi: Float64Array) =>
      pi[a] === 0 ? 0 : x === 0 ? -Infinity : -pi[a] / x,
  },
  maximize(g: Float64Array, c: number, pi: Float64Array, _ctx: unknown, out: Float64Array): void {
    barrierMaximize(g, pi, out, (gap, piA) => (c * piA) / gap, c);
  },
});

/**
 * Shared solver for drifts whose maximiser on supp π has the form p_a = m(λ − g_a, π_a) with m decreasing in its first
 * argument and no barrier outside supp π (forward KL, squared Hellinger). `reach` bounds λ − max g from above
 * (Σ m(reach, π_a) ≤ 1). The unknown is δ = λ − max_{supp} g, not λ: the answer may need δ ≈ 1e-32 (a tiny π_a that
 * should receive most of the mass), far below the spacing of doubles near g, so δ is solved to relative precision.
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
  // mass(δ) = Σ_{supp} m(δ + (max − g_a), π_a), decreasing in δ > 0.
  const mass = (delta: number) => {
    let s = 0;
    for (let a = 0; a < A; a++) if (pi[a] > 0) s += m(delta + (maxSupp - g[a]), pi[a]);
    return s;
  };
  out.fill(0);
  if (offBest >= 0 && g[offBest] > maxSupp && mass(g[offBest] - maxSupp) <= 1) {
    const delta = g[offBest] - maxSupp;
    const parts = new Float64Array(A);
    for (let a = 0; a < A; a++) if (pi[a] > 0) parts[a] = m(delta + (maxSupp - g[a]), pi[a]);
    let used = 0;
    for (const x of [...parts].sort((u, v) => u - v)) used += x;
    out.set(parts);
    out[offBest] = Math.max(0, 1 - used);
    return;
  }
  const floor = offBest >= 0 ? Math.max(0, g[offBest] - maxSupp) : 0;
  let hi = reach;
  while (mass(hi) > 1) hi *= 2; // only when rounding put mass(reach) a hair above 1
  const root = scaleFreeRoot((delta) => (delta <= floor ? 1 : mass(delta) - 1), 0, hi);
  const delta = root.hi;
  // Under the barrier p_a > 0 wherever π_a > 0: an answer that underflows keeps the smallest double instead of 0.
  for (let a = 0; a < A; a++) if (pi[a] > 0) out[a] = Math.max(Number.MIN_VALUE, m(delta + (maxSupp - g[a]), pi[a]));
  let total = 0;
  for (const x of [...out].sort((u, v) => u - v)) total += x;
  for (let a = 0; a < A; a++) out[a] /= total;
}
