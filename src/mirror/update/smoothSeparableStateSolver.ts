import type { DriftContext, SeparableTerms } from '../drifts/drift.js';
import { stateObjective, type StateProblem, type StateSolution } from './stateProblem.js';

/**
 * Per-state problem of the mirror update (Kuba et al. 2022, Definition 3) whose live terms are all convex, separable
 * and smooth on (0, 1) but for kinks — reverse KL, Hellinger, χ², squared L2, KL(π‖·), PPO's clip, TV and their sums,
 * e.g. rKL, Hellinger or PPO inside a KL ball (the ball's multiplier as one more KL term):
 *   maximise φ(p) = Σ_a [g_a·p_a − P_a(p_a)],  P_a = Σ_k coef_k·term_{k,a},  over p ∈ P(A).
 * By KKT p_a = x_a(λ), the root of g_a − λ − P′_a(x) = 0 in (0, 1) (or an end where there is none), with λ = max g + δ
 * the root of Σ_a x_a(λ) = 1. Both by safeguarded Newton — each x_a from its last value, P″ its slope; δ from the state's
 * last probe, on log Σx, with dx_a/dδ = −1/P″_a(x_a) — inside brackets, with rtsafe's rule (a Newton step must halve
 * the one before, else a secant or a bisection; δ bisects over the points where an x_a reaches 0 or 1 first): ~4 outer
 * steps of ~3 inner ones, where the general separable solver (separableKktSolve) brackets every root to adjacent
 * doubles, ~1,200 term derivatives per state (rKL in a KL ball at S = 20: 8 ms an update, 0.5 ms here).
 *
 * Certificate, the Lagrangian dual of Σp = 1 at the final λ: φ* ≤ λ + Σ_a max_{y∈[0,1]} ψ_a(y), ψ_a(y) = (g_a − λ)y − P_a(y)
 * concave, and each maximum is at most ψ_a(x_a) + max(s(1 − x_a), −s·x_a) for the supergradient s = ψ′_a(x_a) (one-sided
 * at the ends): the tangent of a concave function lies above it (and over 4 ulps only where ψ′_a changes sign within
 * them). Where δ cannot resolve its root (F jumps between adjacent doubles), the row mixes the roots at both ends and
 * the bound is the smaller of theirs.
 *
 * Kinks (PPO's (1 ± ε)π_a, TV's π_a): each action's root is first placed between them, or on one where P′ jumps across
 * b (f(k⁻) ≥ 0 ≥ f(k⁺)); there it does not move with δ.
 *
 * Returns null — the general solver then takes the problem — when a term is not of this kind (no curvature, not
 * convex), π has an entry below 1e-290 (subnormal weights carry too few bits for P″), g is not finite, the
 * iterations do not settle, or the bound is above 1e-13 of the problem's scale (max |g| and the weights).
 */
export function smoothSeparableStateSolve(problem: StateProblem): StateSolution | null {
  const { g, pi, ctx } = problem;
  const A = g.length;
  const n = liveTerms(problem);
  const w = scratchFor(A);
  const anchor = begin(problem, n, w);
  if (Number.isNaN(anchor)) return null;
  const { x } = w;
  const breakpoints = w.sorted;
  let lo = w.lo;
  let hi = w.hi;
  const warm = problem.warm;
  let delta = warm !== undefined && Number.isFinite(warm.delta) ? warm.delta : 0;
  if (!(delta > lo && delta < hi)) delta = bisect(lo, hi, lo === -Infinity ? hi : lo, lo === -Infinity ? -1 : 1);
  // The roots at each end are kept: where δ cannot resolve the root (an action's x_a falls from 1 to near 0 within a few
  // ulps of δ, a Hellinger barrier on π_a = 5e-31), the row is mixed from the two sides, as every point between them is
  // optimal (the actions that move share the slope λ).
  let fLo = NaN;
  let fHi = NaN;
  let settled = false;
  let last = NaN;
  let F = NaN;
  let lastStep = Infinity;
  for (let it = 0; it < 200; it++) {
    F = excessAt(n, delta, last, g, anchor, pi, ctx, w);
    if (Number.isNaN(F)) return null;
    last = delta;
    if (F === 0) {
      settled = true;
      break;
    }
    if (F > 0) {
      lo = delta;
      fLo = F;
      w.xLo.set(x);
    } else {
      hi = delta;
      fHi = F;
      w.xHi.set(x);
    }
    // Σx − 1 at rounding level (A parts of ≤ 1), or δ pinned by its bracket or by a step of an ulp.
    if (Math.abs(F) <= 2 * A * Number.EPSILON) {
      settled = true;
      break;
    }
    if (hi - lo <= 4 * Number.EPSILON * Math.max(Math.abs(lo), Math.abs(hi)) && hi - lo < Infinity) {
      settled = true;
      break;
    }
    const slope = w.slope; // dF/dδ ≤ 0
    let next = NaN;
    if (slope < 0) {
      // Newton on log Σx (F + 1 = Σx): exact for exponential rows (reverse KL), and from far above the root it does not
      // undershoot as Newton on F does (7 → 5 evaluations from δ = 0 for rKL in a KL ball).
      const step = F > -1 ? (-Math.log1p(F) * (1 + F)) / slope : -F / slope;
      // A step of an ulp: δ is the root to rounding, but for a jump of F there (the mix below needs adjacent ends).
      if (Math.abs(step) <= 2 * Number.EPSILON * Math.abs(delta) && hi - lo <= 8 * Number.EPSILON * Math.abs(delta)) {
        settled = true;
        break;
      }
      // Inside the bracket, and at least halving the step before (rtsafe's rule), or a bisection.
      if (delta + step > lo && delta + step < hi && Math.abs(step) <= lastStep / 2) next = delta + step;
    }
    if (Number.isNaN(next)) next = middleBreakpoint(breakpoints, lo, hi);
    if (Number.isNaN(next)) next = bisect(lo, hi, delta, F);
    lastStep = Math.abs(next - delta);
    delta = next;
  }
  if (!settled) return null;
  if (warm !== undefined) warm.delta = delta;
  const p = new Float64Array(A);
  let bound: number;
  if (Math.abs(F) <= 2 * A * Number.EPSILON) {
    // The roots at the final δ (the last evaluation's) sum to 1 to rounding.
    for (let a = 0; a < A; a++) p[a] = x[a];
    bound = dualBound(n, delta, g, anchor, pi, ctx, x);
  } else {
    // Mixed from the two ends of the bracket, a few ulps apart, to sum to 1: (1 − θ)(1 + F(lo)) + θ(1 + F(hi)) = 1.
    if (!(fLo > 0 && fHi < 0) || !(hi - lo <= 8 * Number.EPSILON * Math.max(Math.abs(lo), Math.abs(hi)))) return null;
    const theta = fLo / (fLo - fHi);
    const { xLo, xHi } = w;
    for (let a = 0; a < A; a++) p[a] = xLo[a] + theta * (xHi[a] - xLo[a]);
    bound = Math.min(dualBound(n, lo, g, anchor, pi, ctx, xLo), dualBound(n, hi, g, anchor, pi, ctx, xHi));
  }
  let total = 0;
  for (let a = 0; a < A; a++) total += p[a];
  if (!(total > 0 && total < Infinity)) return null;
  for (let a = 0; a < A; a++) p[a] /= total;
  const value = stateObjective(problem, p);
  // Certified to the problem's scale, as the per-action quadratic solver's rows are; else the general solver, which
  // brackets every root (rows whose π entries lie ~1e-170 apart, where P″ spans 340 orders, defeat these iterations).
  // A bound below φ(p) by more than that is no rounding but a defect of the bound: declined too, never clamped to 0.
  let scale = Math.abs(anchor);
  for (let k = 0; k < n; k++) scale += coefs[k];
  for (let a = 0; a < A; a++) scale = Math.max(scale, Math.abs(g[a]));
  if (!(Math.abs(bound - value) <= 1e-13 * scale)) return null;
  const gap = Math.max(0, bound - value);
  return { p, value, gap, method: 'separable' };
}

/**
 * The certificate's bound λ + Σ_a max_y ψ_a(y) at λ = max g + δ for any δ (weak duality: ≥ φ* wherever it is finite),
 * by the tangents at the roots x_a(δ) as the solver finds them, or at any `at` ∈ [0, 1]^A (the tangent of a concave
 * ψ_a bounds it anywhere); NaN where the solver does not apply. For tests of the bound itself.
 */
export function smoothSeparableDualBound(problem: StateProblem, delta: number, at?: Float64Array): number {
  const { g, pi, ctx } = problem;
  const n = liveTerms(problem);
  const w = scratchFor(g.length);
  const anchor = begin(problem, n, w);
  if (Number.isNaN(anchor)) return NaN;
  if (at !== undefined) w.x.set(at);
  else if (Number.isNaN(excessAt(n, delta, NaN, g, anchor, pi, ctx, w))) return NaN;
  return dualBound(n, delta, g, anchor, pi, ctx, w.x);
}

/**
 * Whether the solver applies — live terms of its kind (n > 0), π with normal entries only, g finite — and then `prepare`:
 * max g, or NaN where it does not apply (the solver and the bound's test share this one entry).
 */
function begin(problem: StateProblem, n: number, w: Scratch): number {
  const { g, pi, ctx } = problem;
  if (n === 0) return NaN;
  let anchor = -Infinity;
  for (let a = 0; a < g.length; a++) {
    if (!(pi[a] >= 1e-290) || !Number.isFinite(g[a])) return NaN;
    if (g[a] > anchor) anchor = g[a];
  }
  return prepare(n, g, anchor, pi, ctx, w) ? anchor : NaN;
}

/**
 * Per solve, what does not depend on δ: each action's end slopes P′_a(0⁺), P′_a(1⁻) and kinks (sorted, with P′ on each
 * side), the breakpoints in δ where an x_a reaches an end or a kink (sorted), and the bracket [lo, hi] they give:
 * x_a(δ) = 1 for δ ≤ g_a − max g − P′_a(1⁻), 0 for δ ≥ g_a − max g − P′_a(0⁺), and on a kink k for δ between
 * g_a − max g − P′_a(k⁺) and g_a − max g − P′_a(k⁻), so F(δ) = Σ x_a(δ) − 1, nonincreasing, is smooth between them. Every
 * x_a = 1 at the least breakpoint of the first kind (F = A − 1 ≥ 0), every x_a = 0 at the greatest of the second
 * (F = −1): ±∞ where a barrier keeps x_a off an end. False where a slope is NaN or the bracket is empty.
 */
function prepare(n: number, g: Float64Array, anchor: number, pi: Float64Array, ctx: DriftContext, w: Scratch): boolean {
  const A = g.length;
  const { x, dx, atZero, atOne } = w;
  let count = 0;
  if (kinkStart.length < A + 1) kinkStart = new Int32Array(A + 1);
  kinkStart[0] = 0;
  for (let a = 0; a < A; a++) {
    x[a] = NaN;
    dx[a] = 0;
    atZero[a] = slopeOf(n, a, 0, 1, pi, ctx);
    atOne[a] = slopeOf(n, a, 1, -1, pi, ctx);
    if (Number.isNaN(atZero[a]) || Number.isNaN(atOne[a])) return false;
    const first = count;
    for (let k = 0; k < n; k++) {
      const list = seps[k].kinks?.(a, pi, ctx);
      if (list === undefined) continue;
      for (const kink of list) {
        if (!(kink > 0 && kink < 1)) continue;
        if (count === kinkAt.length) {
          kinkAt = doubled(kinkAt);
          kinkBelow = doubled(kinkBelow);
          kinkAbove = doubled(kinkAbove);
        }
        kinkAt[count++] = kink;
      }
    }
    // Sorted, without repeats (insertion: an action has a kink or two).
    for (let i = first + 1; i < count; i++) {
      const v = kinkAt[i];
      let j = i - 1;
      while (j >= first && kinkAt[j] > v) {
        kinkAt[j + 1] = kinkAt[j];
        j--;
      }
      kinkAt[j + 1] = v;
    }
    let kept = first;
    for (let i = first; i < count; i++) if (i === first || kinkAt[i] !== kinkAt[kept - 1]) kinkAt[kept++] = kinkAt[i];
    count = kept;
    for (let i = first; i < count; i++) {
      kinkBelow[i] = slopeOf(n, a, kinkAt[i], -1, pi, ctx);
      kinkAbove[i] = slopeOf(n, a, kinkAt[i], 1, pi, ctx);
      if (Number.isNaN(kinkBelow[i]) || Number.isNaN(kinkAbove[i])) return false;
    }
    kinkStart[a + 1] = count;
  }
  if (w.breakpoints.length < 2 * (A + count)) w.breakpoints = new Float64Array(2 * (A + count));
  const breakpoints = w.breakpoints.subarray(0, 2 * (A + count));
  let lo = Infinity;
  let hi = -Infinity;
  for (let a = 0; a < A; a++) {
    breakpoints[2 * a] = g[a] - anchor - atOne[a];
    breakpoints[2 * a + 1] = g[a] - anchor - atZero[a];
    lo = Math.min(lo, breakpoints[2 * a]);
    hi = Math.max(hi, breakpoints[2 * a + 1]);
    for (let i = kinkStart[a]; i < kinkStart[a + 1]; i++) {
      breakpoints[2 * A + 2 * i] = g[a] - anchor - kinkAbove[i];
      breakpoints[2 * A + 2 * i + 1] = g[a] - anchor - kinkBelow[i];
    }
  }
  if (!(lo < hi)) return false;
  breakpoints.sort();
  w.sorted = breakpoints;
  w.lo = lo;
  w.hi = hi;
  return true;
}

/** Each action's kinks (kinkAt[kinkStart[a] .. kinkStart[a + 1]]) and P′ below and above each, per solve. */
let kinkAt = new Float64Array(16);
let kinkBelow = new Float64Array(16);
let kinkAbove = new Float64Array(16);
let kinkStart = new Int32Array(17);

/** A copy of `old` in an array twice its length (the kinks' and the terms' arrays, grown as needed). */
function doubled(old: Float64Array): Float64Array<ArrayBuffer> {
  const next = new Float64Array(2 * old.length);
  next.set(old);
  return next;
}

/** Whether the last actionRoot left its action on a kink (x_a does not move with δ there). */
let pinned = false;

/** The live terms' separable parts and weights, in `seps` and `coefs`: their number, or 0 where one does not apply. */
function liveTerms(problem: StateProblem): number {
  let n = 0;
  for (const t of problem.terms) {
    if (t.coef === 0) continue;
    const sep = t.drift.separable;
    if (!(t.coef > 0 && t.coef < Infinity) || !t.drift.convex) return 0;
    if (sep === undefined || sep.curvature === undefined) return 0;
    if (n === coefs.length) coefs = doubled(coefs);
    seps[n] = sep;
    coefs[n] = t.coef;
    n++;
  }
  return n;
}

const seps: SeparableTerms[] = [];
let coefs = new Float64Array(8);

/** The solver's scratch for A actions: the roots x_a(δ), dx_a/dδ, the end slopes, and the last dF/dδ. */
interface Scratch {
  x: Float64Array;
  dx: Float64Array;
  /** P′_a(0⁺) and P′_a(1⁻): where x_a(δ) leaves the ends (independent of δ, so once per solve). */
  atZero: Float64Array;
  atOne: Float64Array;
  /** The roots at the bracket's ends (Σ ≥ 1 at lo, ≤ 1 at hi). */
  xLo: Float64Array;
  xHi: Float64Array;
  /** Where each x_a reaches an end or a kink (grown as needed), and the view sorted for this solve. */
  breakpoints: Float64Array;
  sorted: Float64Array;
  /** The bracket they give: F(lo) ≥ 0 ≥ F(hi). */
  lo: number;
  hi: number;
  slope: number;
}

let scratch = newScratch(0);

function newScratch(A: number): Scratch {
  const x = new Float64Array(6 * A);
  return {
    x: x.subarray(0, A),
    dx: x.subarray(A, 2 * A),
    atZero: x.subarray(2 * A, 3 * A),
    atOne: x.subarray(3 * A, 4 * A),
    xLo: x.subarray(4 * A, 5 * A),
    xHi: x.subarray(5 * A),
    breakpoints: new Float64Array(2 * A + 8),
    sorted: x.subarray(0, 0),
    lo: NaN,
    hi: NaN,
    slope: NaN,
  };
}

function scratchFor(A: number): Scratch {
  if (scratch.x.length !== A) scratch = newScratch(A);
  return scratch;
}

/** P′_a(x) from the right (side 1) or the left (−1). */
function slopeOf(n: number, a: number, x: number, side: 1 | -1, pi: Float64Array, ctx: DriftContext): number {
  let d = 0;
  for (let k = 0; k < n; k++) d += coefs[k] * seps[k].derivative(a, x, side, pi, ctx);
  return d;
}

/** P″_a(x). */
function curvatureOf(n: number, a: number, x: number, pi: Float64Array, ctx: DriftContext): number {
  let c = 0;
  for (let k = 0; k < n; k++) c += coefs[k] * seps[k].curvature!(a, x, pi, ctx);
  return c;
}

/** P_a(x); +∞ where a term is. */
function penaltyOf(n: number, a: number, x: number, pi: Float64Array, ctx: DriftContext): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const t = seps[k].term(a, x, pi, ctx);
    if (t === Infinity) return Infinity;
    v += coefs[k] * t;
  }
  return v;
}

/**
 * Σ_a x_a(δ) − 1 (the largest part minus 1 first: exact for it in [½, 2], so a sum a hair above 1 is not rounded to an
 * exact root), the roots into w.x from their values at `from` moved to first order, and dF/dδ into w.slope. NaN where
 * a root is.
 */
function excessAt(
  n: number,
  delta: number,
  from: number,
  g: Float64Array,
  anchor: number,
  pi: Float64Array,
  ctx: DriftContext,
  w: Scratch,
): number {
  const { x, dx } = w;
  const A = g.length;
  let slope = 0;
  let top = 0;
  for (let a = 0; a < A; a++) {
    const start = Number.isNaN(x[a]) ? pi[a] : x[a] + dx[a] * (delta - from);
    const root = actionRoot(n, a, g[a] - anchor - delta, start, w.atZero[a], w.atOne[a], pi, ctx);
    if (Number.isNaN(root)) return NaN;
    x[a] = root;
    const c = root > 0 && root < 1 && !pinned ? curvatureOf(n, a, root, pi, ctx) : Infinity;
    dx[a] = c > 0 && c < Infinity ? -1 / c : 0;
    slope += dx[a];
    if (x[a] > x[top]) top = a;
  }
  w.slope = slope;
  let sum = x[top] - 1;
  for (let a = 0; a < A; a++) if (a !== top) sum += x[a];
  return sum;
}

/**
 * The root in [0, 1] of f(x) = b − P′_a(x), nonincreasing (P convex): 0 where f(0⁺) = b − P′_a(0⁺) ≤ 0, 1 where
 * f(1⁻) ≥ 0, else
 * safeguarded Newton from `start` (f′ = −P″) inside a bracket f(lo) > 0 > f(hi), bisected geometrically when a step
 * leaves it (a barrier's root may lie near 1e-300). NaN where f is.
 */
function actionRoot(
  n: number,
  a: number,
  b: number,
  start: number,
  atZero: number,
  atOne: number,
  pi: Float64Array,
  ctx: DriftContext,
): number {
  pinned = false;
  const f0 = b - atZero;
  if (Number.isNaN(f0)) return NaN; // ∞ − ∞
  if (f0 <= 0) return 0;
  const f1 = b - atOne;
  if (Number.isNaN(f1)) return NaN;
  if (f1 >= 0) return 1;
  // f(lo) > 0 > f(hi), their values kept for a secant step (exact for a linear f: χ², L2); narrowed to the piece
  // between kinks that holds the root, or the root is a kink (f(k⁻) ≥ 0 ≥ f(k⁺): PPO's clip, TV's π_a).
  let lo = 0;
  let hi = 1;
  let fLo = f0;
  let fHi = f1;
  for (let i = kinkStart[a]; i < kinkStart[a + 1]; i++) {
    const above = b - kinkAbove[i];
    if (above > 0) {
      lo = kinkAt[i];
      fLo = above;
      continue;
    }
    const below = b - kinkBelow[i];
    if (below < 0) {
      hi = kinkAt[i];
      fHi = below;
      break;
    }
    pinned = true;
    return kinkAt[i];
  }
  let x = start > lo && start < hi ? start : lo === 0 ? hi / 2 : lo + (hi - lo) / 2;
  let lastStep = Infinity;
  for (let i = 0; i < 200; i++) {
    const fx = b - slopeOf(n, a, x, 1, pi, ctx);
    if (fx === 0) return x;
    if (Number.isNaN(fx)) return NaN;
    if (fx > 0) {
      lo = x;
      fLo = fx;
    } else {
      hi = x;
      fHi = fx;
    }
    if (hi - lo <= 4 * Number.EPSILON * hi) return x;
    const c = curvatureOf(n, a, x, pi, ctx);
    let next = NaN;
    if (c > 0 && c < Infinity) {
      const step = fx / c; // Newton: f′ = −P″
      // A step of an ulp or two: x is the root to rounding (a bracket step then would only chase the last bit).
      if (Math.abs(step) <= 2 * Number.EPSILON * x) return x;
      // Taken inside the bracket when it at least halves the step before (rtsafe's rule): far left of a barrier's
      // root, Newton on π_a/x only doubles x per step, where bisecting the exponents takes ~log₂ of their span.
      if (x + step > lo && x + step < hi && Math.abs(step) <= lastStep / 2) next = x + step;
    }
    if (Number.isNaN(next)) {
      // The secant through the bracket's ends, under the same rule (a root within rounding of an end: Newton lands on
      // the end, and halving towards it took ~50 steps); else bisection, over the exponents when lo is 0.
      // Only within a factor 4: across orders of magnitude a secant anchored at a barrier's end creeps (regula falsi).
      const secant = lo + (fLo / (fLo - fHi)) * (hi - lo);
      if (lo > 0 && hi <= 4 * lo && secant > lo && secant < hi && Math.abs(secant - x) <= lastStep / 2) next = secant;
      else next = lo === 0 ? Math.max(Number.MIN_VALUE, Math.min(hi / 16, hi * hi)) : bisect(lo, hi, x, fx);
    }
    if (!(next > lo && next < hi)) return x; // lo and hi adjacent doubles
    lastStep = Math.abs(next - x);
    x = next;
  }
  return NaN; // not settled: the general solver takes the problem
}

/** The middle one of the (sorted) breakpoints strictly inside (lo, hi), NaN if none is. */
function middleBreakpoint(breakpoints: Float64Array, lo: number, hi: number): number {
  let first = 0;
  while (first < breakpoints.length && !(breakpoints[first] > lo)) first++;
  let end = first;
  while (end < breakpoints.length && breakpoints[end] < hi) end++;
  return end > first ? breakpoints[(first + end) >> 1] : NaN;
}

/**
 * A point strictly inside (lo, hi) for a step that left the bracket: the geometric mean where both ends share a sign and
 * span over a factor 4, the midpoint otherwise; where an end is infinite, a doubling step from `at` in the direction the
 * sign of F (at `at`) calls for.
 */
function bisect(lo: number, hi: number, at: number, F: number): number {
  if (lo === -Infinity || hi === Infinity) {
    const step = 2 * Math.max(1, Math.abs(at));
    return F > 0 ? at + step : at - step;
  }
  if (lo > 0 && hi / lo > 4) return Math.sqrt(lo) * Math.sqrt(hi);
  if (hi < 0 && lo / hi > 4) return -Math.sqrt(-lo) * Math.sqrt(-hi);
  return lo + (hi - lo) / 2;
}

/**
 * λ + Σ_a max_y ψ_a(y) ≥ φ*, each maximum bounded by the tangent (a supergradient) of ψ_a at x_a, and, where ψ′_a changes
 * sign within 4 ulps of x_a on the side the tangent points to, by that tangent over the 4 ulps only: a root near the
 * subnormal range carries a few bits, and P″·ulp(x) there (reverse KL's c/x) left bounds 1e-8 above φ(p).
 */
function dualBound(
  n: number,
  delta: number,
  g: Float64Array,
  anchor: number,
  pi: Float64Array,
  ctx: DriftContext,
  x: Float64Array,
): number {
  let d = anchor + delta;
  for (let a = 0; a < g.length; a++) {
    const xa = x[a];
    const b = g[a] - anchor - delta;
    const pen = penaltyOf(n, a, xa, pi, ctx);
    if (pen === Infinity) return Infinity;
    // A supergradient of ψ_a at x_a: ψ′ from the right at 0, from the left at 1; inside, the two-sided derivative, or
    // at a kink the one of [ψ′(x⁺), ψ′(x⁻)] nearest 0 (0 on a kink that holds the root).
    let s = b - slopeOf(n, a, xa, xa >= 1 ? -1 : 1, pi, ctx);
    if (Number.isNaN(s)) return Infinity;
    if (xa > 0 && xa < 1 && kinkStart[a + 1] > kinkStart[a] && s <= 0) {
      const left = b - slopeOf(n, a, xa, -1, pi, ctx);
      if (Number.isNaN(left)) return Infinity;
      s = left < 0 ? left : 0;
    }
    let rise = Math.max(s * (1 - xa), -s * xa);
    if (xa > 0 && xa < 1 && s !== 0) {
      const reach = 4 * Math.max(Number.MIN_VALUE, Number.EPSILON * xa);
      const y = s > 0 ? Math.min(1, xa + reach) : Math.max(0, xa - reach);
      const sy = b - slopeOf(n, a, y, s > 0 ? 1 : -1, pi, ctx);
      if (s > 0 ? sy <= 0 : sy >= 0) rise = Math.min(rise, Math.abs(s) * Math.abs(y - xa));
    }
    d += b * xa - pen + rise;
  }
  return d;
}
