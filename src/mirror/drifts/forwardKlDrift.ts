import { bracketRoot } from '../simplex/bracketRoot.js';
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
      d += p * (Math.log(p) - Math.log(piBar[a]));
    }
    return Math.max(0, d);
  },
  gradient(piBar: Float64Array, pi: Float64Array, _ctx: unknown, out: Float64Array): void {
    for (let a = 0; a < pi.length; a++) out[a] = pi[a] === 0 ? 0 : -pi[a] / piBar[a];
  },
  separable: {
    curvature: (a: number, x: number, pi: Float64Array) => (pi[a] === 0 ? 0 : pi[a] / (x * x)),
    term: (a: number, x: number, pi: Float64Array) =>
      pi[a] === 0 ? 0 : x === 0 ? Infinity : pi[a] * (Math.log(pi[a]) - Math.log(x)),
    derivative: (a: number, x: number, _side: 1 | -1, pi: Float64Array) =>
      pi[a] === 0 ? 0 : x === 0 ? -Infinity : -pi[a] / x,
  },
  maximize(g: Float64Array, c: number, pi: Float64Array, _ctx: unknown, out: Float64Array): void {
    const logC = Math.log(c);
    barrierMaximize(g, pi, out, (logGap, logPi) => logC + logPi - logGap, c);
  },
});

/**
 * Shared solver for drifts whose maximiser on supp π has the form p_a = exp(logM(log(λ − g_a), log π_a)) with logM
 * decreasing in its first argument and no barrier outside supp π (forward KL: logM = log c + log π − log gap; squared
 * Hellinger: 2 log c + log π − 2 log gap). `reach` bounds λ − max g from above (Σ p_a ≤ 1 there).
 *
 * Everything is solved in log space: the unknown is u = log(λ − max_{supp} g), and log(λ − g_a) = log(e^u + h_a) with
 * h_a = max g − g_a ≥ 0. The answer may need λ − max g ≈ 1e-323 (a subnormal π_a that should receive most of the
 * mass), which no double near g — nor a subnormal δ with its few bits — can carry, but u ≈ −743 is an ordinary double.
 */
export function barrierMaximize(
  g: Float64Array,
  pi: Float64Array,
  out: Float64Array,
  logM: (logGap: number, logPi: number) => number,
  reach: number,
): void {
  const A = g.length;
  let maxSupp = -Infinity;
  let offBest = -1;
  for (let a = 0; a < A; a++) {
    if (pi[a] > 0) maxSupp = Math.max(maxSupp, g[a]);
    else if (offBest < 0 || g[a] > g[offBest]) offBest = a;
  }
  const logPi = Float64Array.from(pi, (x) => Math.log(x));
  const logH = Float64Array.from(g, (x) => Math.log(maxSupp - x));
  /** log(e^u + h_a), stable for either term dominating. */
  const logGap = (u: number, a: number) => {
    const v = logH[a];
    if (v === -Infinity) return u;
    const m = Math.max(u, v);
    return m + Math.log1p(Math.exp(Math.min(u, v) - m));
  };
  const parts = (u: number, into: Float64Array) => {
    for (let a = 0; a < A; a++) into[a] = pi[a] > 0 ? Math.exp(logM(logGap(u, a), logPi[a])) : 0;
  };
  // Σ_a p_a − 1 accurately when one p_a is within 1e-160 of 1: expm1 of the largest log-part, plus the others.
  const excess = (u: number) => {
    let k = -1;
    const logs = new Float64Array(A).fill(-Infinity);
    for (let a = 0; a < A; a++) {
      if (pi[a] === 0) continue;
      logs[a] = logM(logGap(u, a), logPi[a]);
      if (k < 0 || logs[a] > logs[k]) k = a;
    }
    const rest = [];
    for (let a = 0; a < A; a++) if (a !== k && pi[a] > 0) rest.push(Math.exp(logs[a]));
    let s = Math.expm1(logs[k]);
    for (const x of rest.sort((p, q) => p - q)) s += x;
    return s;
  };
  /** Under the barrier p_a > 0 wherever π_a > 0: a part that underflows keeps the smallest double instead of 0. */
  const clampToSupport = () => {
    for (let a = 0; a < A; a++) if (pi[a] > 0) out[a] = Math.max(Number.MIN_VALUE, out[a]);
  };
  out.fill(0);
  if (offBest >= 0 && g[offBest] > maxSupp && excess(Math.log(g[offBest] - maxSupp)) <= 0) {
    parts(Math.log(g[offBest] - maxSupp), out);
    clampToSupport();
    let used = 0;
    for (const x of [...out].sort((p, q) => p - q)) used += x;
    out[offBest] = Math.max(0, 1 - used);
    return;
  }
  const floor = offBest >= 0 ? Math.log(Math.max(0, g[offBest] - maxSupp)) : -Infinity;
  let hi = Math.log(reach);
  while (excess(hi) > 0) hi += 1; // only when rounding put the mass at log(reach) a hair above 1
  let lo = Math.max(floor, hi - 64);
  while (lo > floor && excess(lo) < 0) lo = Math.max(floor, lo - 2 * (hi - lo));
  if (lo === -Infinity) lo = -1e300;
  const root = bracketRoot((u) => (u <= floor ? 1 : excess(u)), lo, hi);
  parts(root.hi, out);
  clampToSupport();
  let total = 0;
  for (const x of [...out].sort((p, q) => p - q)) total += x;
  if (total !== 1) for (let a = 0; a < A; a++) out[a] = Math.max(pi[a] > 0 ? Number.MIN_VALUE : 0, out[a] / total);
}
