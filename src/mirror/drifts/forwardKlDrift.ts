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
    if (piBar === pi) return 0; // every term below is p·0 (the update asks for D(π|π) at every state it solves)
    let d = 0;
    for (let a = 0; a < pi.length; a++) {
      const p = pi[a];
      if (p === 0) continue;
      if (piBar[a] === 0) return Infinity;
      // One logarithm of the ratio (as accurate: its rounding is relative to the ratio, not to each log), two where
      // the ratio leaves the normal doubles.
      const ratio = p / piBar[a];
      d +=
        p * (ratio < Infinity && ratio >= 2.2250738585072014e-308 ? Math.log(ratio) : Math.log(p) - Math.log(piBar[a]));
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
    if (!klLinearMaximize(g, pi, out, c)) barrierMaximize(g, pi, out, Math.log(c), -1, c);
  },
});

/**
 * The KL maximiser in linear space, for the common case (full support, every cπ_a a normal double, the root's δ far
 * above underflow): p_a = cπ_a/(δ + h_a) with h_a = max g − g_a and δ > 0 the root of S(δ) = Σ_a cπ_a/(δ + h_a) = 1.
 * Newton on ψ = 1/S, which is concave and increasing in δ (a harmonic sum of linear functions; exact in one step for
 * one action), from δ₀ = cπ_top (S ≥ 1 there): the iterates rise monotonically to the root, ~5 steps of A divisions
 * where the log-space solver takes ~8 of A exponentials and logarithms. Same unknown as that solver (δ, to relative
 * precision, beside the exact h_a), so the same accuracy; returns false, leaving `out` to it, outside the common case.
 */
export function klLinearMaximize(g: Float64Array, pi: Float64Array, out: Float64Array, c: number): boolean {
  const A = g.length;
  if (!(c > 0 && Number.isFinite(c))) return false;
  let max = -Infinity;
  for (let a = 0; a < A; a++) {
    if (!(pi[a] >= 1e-290 && c * pi[a] >= 1e-290) || !Number.isFinite(g[a])) return false;
    if (g[a] > max) max = g[a];
  }
  // δ₀ = c·(the mass of the actions at the maximum): there those actions alone sum to 1.
  let delta = 0;
  for (let a = 0; a < A; a++) if (g[a] === max) delta += c * pi[a];
  for (let i = 0; i < 60; i++) {
    let sum = 0;
    for (let a = 0; a < A; a++) sum += (c * pi[a]) / (delta + (max - g[a]));
    if (!(sum > 1 && sum < Infinity)) break; // at the root (or a rounding past it)
    // ψ′/… without overflow: 1/S² · Σ x_a/(δ + h_a) = Σ (x_a/S)²/(cπ_a).
    let curve = 0;
    for (let a = 0; a < A; a++) {
      const share = (c * pi[a]) / (delta + (max - g[a])) / sum;
      curve += (share * share) / (c * pi[a]);
    }
    const step = (1 - 1 / sum) / curve;
    if (!(step > 2 * Number.EPSILON * delta)) break;
    delta += step;
  }
  let total = 0;
  for (let a = 0; a < A; a++) {
    out[a] = (c * pi[a]) / (delta + (max - g[a]));
    total += out[a];
  }
  // Not converged (near-ties whose h_a lie far above δ₀ make the steps only double δ), or near underflow: the
  // log-space solver instead.
  if (!(Math.abs(total - 1) <= 1e-13 && delta >= 1e-280)) return false;
  // A part that underflowed to 0 (rewards spread by ~1e33): the log-space solver keeps it at the smallest double.
  for (let a = 0; a < A; a++) if (!(out[a] > 0)) return false;
  if (total !== 1) for (let a = 0; a < A; a++) out[a] = Math.max(Number.MIN_VALUE, out[a] / total);
  return true;
}

/**
 * Shared solver for drifts whose maximiser on supp π is p_a = exp(logScale + log π_a + k·log(λ − g_a)) with k < 0 and
 * no barrier outside supp π (forward KL: c·π_a/(λ − g_a), k = −1; squared Hellinger: c²π_a/(λ − g_a)², k = −2).
 * `reach` bounds λ − max g from above (Σ p_a ≤ 1 there).
 *
 * Everything is solved in log space: the unknown is u = log(λ − max_{supp} g), and log(λ − g_a) = log(e^u + h_a) with
 * h_a = max g − g_a ≥ 0. The answer may need λ − max g ≈ 1e-323 (a subnormal π_a that should receive most of the
 * mass), which no double near g — nor a subnormal δ with its few bits — can carry, but u ≈ −743 is an ordinary double.
 * Σ p_a − 1 is formed as expm1 of the largest log-part plus the others, so mass within 1e-160 of 1 still resolves, and
 * u is found by Newton's method on log Σp (analytic derivative) kept inside a bracket, bisecting when a step leaves it.
 * Scratch arrays are allocated once per number of actions and the evaluations are plain functions (no closures): this
 * runs for every state of every multiplier probe of a KL ball.
 */
export function barrierMaximize(
  g: Float64Array,
  pi: Float64Array,
  out: Float64Array,
  logScale: number,
  k: number,
  reach: number,
): void {
  const A = g.length;
  let maxSupp = -Infinity;
  let offBest = -1;
  for (let a = 0; a < A; a++) {
    if (pi[a] > 0) maxSupp = Math.max(maxSupp, g[a]);
    else if (offBest < 0 || g[a] > g[offBest]) offBest = a;
  }
  const w = barrierScratch(A);
  const { logPi, logH } = w;
  for (let a = 0; a < A; a++) {
    logPi[a] = Math.log(pi[a]);
    logH[a] = Math.log(maxSupp - g[a]);
  }
  if (offBest >= 0 && g[offBest] > maxSupp && barrierExcess(Math.log(g[offBest] - maxSupp), pi, logScale, k, w) <= 0) {
    barrierFill(Math.log(g[offBest] - maxSupp), pi, out, logScale, k, w);
    let used = 0;
    for (let a = 0; a < A; a++) if (a !== offBest) used += out[a];
    out[offBest] = Math.max(0, 1 - used);
    return;
  }
  const floor = offBest >= 0 ? Math.log(Math.max(0, g[offBest] - maxSupp)) : -Infinity;
  let hi = Math.log(reach);
  let fHi = barrierExcess(hi, pi, logScale, k, w);
  for (; fHi > 0; fHi = barrierExcess(hi, pi, logScale, k, w)) hi += 1; // only when rounding put the mass at log(reach) a hair above 1
  const slopeHi = w.slope;
  let lo = Math.max(floor, hi - 64);
  while (lo > floor && barrierExcess(lo, pi, logScale, k, w) < 0) lo = Math.max(floor, lo - 2 * (hi - lo));
  if (lo === -Infinity) lo = -1e300;
  // Safeguarded Newton on u: excess is decreasing; keep excess(lo) ≥ 0 > excess(hi).
  // From the upper end: log Σp is nearly linear in u there (Σp ∝ e^{ku} once e^u dominates every h_a), so Newton lands in
  // a few steps; the midpoint of a 64-wide bracket took ~14 evaluations per state.
  let u = hi;
  for (let i = 0; i < 200; i++) {
    // The first iterate's value and slope are the bracket's own (no second evaluation at hi).
    const f = i === 0 ? fHi : u <= floor ? 1 : barrierExcess(u, pi, logScale, k, w);
    if (i === 0) w.slope = slopeHi;
    if (f === 0) break;
    if (f > 0) lo = u;
    else hi = u;
    if (hi - lo <= 4 * Number.EPSILON * Math.max(1, Math.abs(u))) break;
    // Newton on log Σp = log1p(excess), nearly linear in u (Σp itself is exponential in u far from the root).
    let next = w.slope < 0 && u > floor ? u - (Math.log1p(f) * (1 + f)) / w.slope : NaN;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    // A step at rounding level: u is the root to its last bits (Newton then only oscillates by an ulp or two).
    if (Math.abs(next - u) <= 2 * Number.EPSILON * Math.max(1, Math.abs(u))) break;
    u = next;
  }
  // The last iterate: Newton may converge from one side and never move the other end of the bracket.
  barrierFill(u, pi, out, logScale, k, w);
  let total = 0;
  for (let a = 0; a < A; a++) total += out[a];
  if (total !== 1) for (let a = 0; a < A; a++) out[a] = Math.max(pi[a] > 0 ? Number.MIN_VALUE : 0, out[a] / total);
}

/** barrierMaximize's scratch: log π_a, log h_a, log p_a(u), the last slope d(Σp)/du and where `logs` was filled. */
interface BarrierScratch {
  logPi: Float64Array;
  logH: Float64Array;
  logs: Float64Array;
  slope: number;
  evaluatedAt: number;
}

let scratch: BarrierScratch = {
  logPi: new Float64Array(0),
  logH: new Float64Array(0),
  logs: new Float64Array(0),
  slope: 0,
  evaluatedAt: NaN,
};

/** The scratch for A actions, allocated once per size (every state of every dual step solves here). */
function barrierScratch(A: number): BarrierScratch {
  if (scratch.logPi.length !== A) {
    scratch = {
      logPi: new Float64Array(A),
      logH: new Float64Array(A),
      logs: new Float64Array(A),
      slope: 0,
      evaluatedAt: NaN,
    };
  }
  scratch.evaluatedAt = NaN;
  return scratch;
}

/** Fills logs[a] = log p_a(u); returns Σp − 1 and sets `slope` to d(Σp)/du. */
function barrierExcess(u: number, pi: Float64Array, logScale: number, k: number, w: BarrierScratch): number {
  const { logPi, logH, logs } = w;
  const A = pi.length;
  w.evaluatedAt = u;
  let top = -1;
  let slope = 0;
  for (let a = 0; a < A; a++) {
    if (pi[a] === 0) {
      logs[a] = -Infinity;
      continue;
    }
    const v = logH[a];
    let logGap = u;
    if (v !== -Infinity) {
      const m = Math.max(u, v);
      logGap = m + Math.log1p(Math.exp(Math.min(u, v) - m));
    }
    logs[a] = logScale + logPi[a] + k * logGap;
    slope += k * Math.exp(logs[a] + u - logGap);
    if (top < 0 || logs[a] > logs[top]) top = a;
  }
  w.slope = slope;
  let sum = Math.expm1(logs[top]);
  for (let a = 0; a < A; a++) if (a !== top && pi[a] > 0) sum += Math.exp(logs[a]);
  return sum;
}

/** Under the barrier p_a > 0 wherever π_a > 0: a part that underflows keeps the smallest double instead of 0. */
function barrierFill(
  u: number,
  pi: Float64Array,
  out: Float64Array,
  logScale: number,
  k: number,
  w: BarrierScratch,
): void {
  if (w.evaluatedAt !== u) barrierExcess(u, pi, logScale, k, w);
  for (let a = 0; a < pi.length; a++) out[a] = pi[a] > 0 ? Math.max(Number.MIN_VALUE, Math.exp(w.logs[a])) : 0;
}
