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
    barrierMaximize(g, pi, out, Math.log(c), -1, c);
  },
});

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
 * Long on purpose (docs/architecture.md): the solver loop keeps its scratch arrays and bracket state on the stack,
 * with no closures in the hot path; the solver rewrite of issue 11 replaces it whole.
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
  const logPi = new Float64Array(A);
  const logH = new Float64Array(A);
  for (let a = 0; a < A; a++) {
    logPi[a] = Math.log(pi[a]);
    logH[a] = Math.log(maxSupp - g[a]);
  }
  const logs = new Float64Array(A);
  /** Fills logs[a] = log p_a(u); returns Σp − 1 and sets `slope` to d(Σp)/du. */
  let slope = 0;
  /** Where `logs` was last filled (the final fill reuses it). */
  let evaluatedAt = NaN;
  const excess = (u: number): number => {
    evaluatedAt = u;
    let top = -1;
    slope = 0;
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
    let sum = Math.expm1(logs[top]);
    for (let a = 0; a < A; a++) if (a !== top && pi[a] > 0) sum += Math.exp(logs[a]);
    return sum;
  };
  /** Under the barrier p_a > 0 wherever π_a > 0: a part that underflows keeps the smallest double instead of 0. */
  const fill = (u: number) => {
    if (evaluatedAt !== u) excess(u);
    for (let a = 0; a < A; a++) out[a] = pi[a] > 0 ? Math.max(Number.MIN_VALUE, Math.exp(logs[a])) : 0;
  };
  if (offBest >= 0 && g[offBest] > maxSupp && excess(Math.log(g[offBest] - maxSupp)) <= 0) {
    fill(Math.log(g[offBest] - maxSupp));
    let used = 0;
    for (let a = 0; a < A; a++) if (a !== offBest) used += out[a];
    out[offBest] = Math.max(0, 1 - used);
    return;
  }
  const floor = offBest >= 0 ? Math.log(Math.max(0, g[offBest] - maxSupp)) : -Infinity;
  let hi = Math.log(reach);
  let fHi = excess(hi);
  for (; fHi > 0; fHi = excess(hi)) hi += 1; // only when rounding put the mass at log(reach) a hair above 1
  const slopeHi = slope;
  let lo = Math.max(floor, hi - 64);
  while (lo > floor && excess(lo) < 0) lo = Math.max(floor, lo - 2 * (hi - lo));
  if (lo === -Infinity) lo = -1e300;
  // Safeguarded Newton on u: excess is decreasing; keep excess(lo) ≥ 0 > excess(hi).
  // From the upper end: log Σp is nearly linear in u there (Σp ∝ e^{ku} once e^u dominates every h_a), so Newton lands in
  // a few steps; the midpoint of a 64-wide bracket took ~14 evaluations per state.
  let u = hi;
  for (let i = 0; i < 200; i++) {
    // The first iterate's value and slope are the bracket's own (no second evaluation at hi).
    const f = i === 0 ? fHi : u <= floor ? 1 : excess(u);
    if (i === 0) slope = slopeHi;
    if (f === 0) break;
    if (f > 0) lo = u;
    else hi = u;
    if (hi - lo <= 4 * Number.EPSILON * Math.max(1, Math.abs(u))) break;
    // Newton on log Σp = log1p(excess), nearly linear in u (Σp itself is exponential in u far from the root).
    let next = slope < 0 && u > floor ? u - (Math.log1p(f) * (1 + f)) / slope : NaN;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    // A step at rounding level: u is the root to its last bits (Newton then only oscillates by an ulp or two).
    if (Math.abs(next - u) <= 2 * Number.EPSILON * Math.max(1, Math.abs(u))) break;
    u = next;
  }
  // The last iterate: Newton may converge from one side and never move the other end of the bracket.
  fill(u);
  let total = 0;
  for (let a = 0; a < A; a++) total += out[a];
  if (total !== 1) for (let a = 0; a < A; a++) out[a] = Math.max(pi[a] > 0 ? Number.MIN_VALUE : 0, out[a] / total);
}
