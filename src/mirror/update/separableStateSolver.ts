import { scaleFreeRoot } from '../simplex/scaleFreeRoot.js';
import { quadraticRootStateSolve } from './quadraticRootStateSolver.js';
import { smoothSeparableStateSolve } from './smoothSeparableStateSolver.js';
import { stateObjective, type StateProblem, type StateSolution } from './stateProblem.js';

/**
 * Exact solver for a per-state problem whose penalty terms are all convex and separable, D_k(p) = Σ_a term_{k,a}(p_a):
 * φ(p) = Σ_a φ_a(p_a) with φ_a(x) = g_a x − Σ_k coef_k term_{k,a}(x) concave, so by KKT the maximiser over the simplex
 * is p_a = x_a(λ) = sup{x ∈ [0,1] : φ′_a(x⁻) ≥ λ} for the λ with Σ_a x_a(λ) = 1. Both the inner inversions and λ are
 * found by bracketRoot to adjacent doubles; where x(λ) jumps (piecewise-linear terms such as PPO's), the two sides of
 * the jump are interpolated to sum to 1 — every such point is optimal, since those actions share the slope λ.
 *
 * Certificate: the Lagrangian dual of Σ_a p_a = 1, φ* ≤ λ + Σ_a max_{x∈[0,1]} [φ_a(x) − λx] for any λ, each 1-D maximum
 * bounded above from the bracket of its maximiser — robust where rounding leaves p a hair off a kink.
 *
 * Mixtures of squared L2, TV and KL(π‖·) — every built-in ball around an L2, TV² or KL drift — are solved first by
 * their per-action quadratics (quadraticRootStateSolve): an L2 update in a KL ball at S = 20 took 0.7 ms instead of
 * 21 ms. This general path takes the rest, and whatever that solver cannot certify.
 */
export function separableStateSolve(problem: StateProblem, slope?: { klSlope: number }): StateSolution {
  return quadraticRootStateSolve(problem, slope) ?? smoothSeparableStateSolve(problem) ?? separableKktSolve(problem);
}

/** The general separable KKT solver (any convex separable terms), without the closed-form fast path. * Long on purpose (docs/architecture.md): the solver loop keeps its scratch arrays and bracket state on the stack,
 * with no closures in the hot path; the solver rewrite of issue 11 replaces it whole.
 */
export function separableKktSolve(problem: StateProblem): StateSolution {
  const { g, pi, ctx, terms } = problem;
  const A = g.length;
  // λ = anchor + δ with anchor = max g, and δ solved to relative precision: the KKT point may need λ − g_a far below
  // the spacing of doubles near g (a tiny π_a under a barrier that should take most of the mass).
  let anchor = -Infinity;
  for (let a = 0; a < A; a++) anchor = Math.max(anchor, g[a]);
  const penaltySlope = (a: number, x: number, side: 1 | -1): number => {
    let d = 0;
    for (const t of terms) if (t.coef !== 0) d += t.coef * t.drift.separable!.derivative(a, x, side, pi, ctx);
    return d;
  };
  /** φ′_a(x) − λ = (g_a − anchor) − δ − Σ coef·term′_a(x). */
  const reduced = (a: number, x: number, side: 1 | -1, delta: number) =>
    g[a] - anchor - delta - penaltySlope(a, x, side);
  const penalty = (a: number, x: number): number => {
    let v = 0;
    for (const t of terms) {
      if (t.coef === 0) continue;
      const d = t.drift.separable!.term(a, x, pi, ctx);
      if (d === Infinity) return Infinity;
      v += t.coef * d;
    }
    return v;
  };
  // The maximiser of φ_a(x) − λx over [0, 1] as a bracket [l, r] (l = r at the ends), to relative precision.
  const smooth = terms.every((t) => t.coef === 0 || t.drift.separable!.curvature);
  const bracketOf = smooth ? newtonBracketOf : rootBracketOf;
  function rootBracketOf(a: number, delta: number): { l: number; r: number } {
    if (!(reduced(a, 0, 1, delta) >= 0)) return { l: 0, r: 0 };
    if (reduced(a, 1, -1, delta) >= 0) return { l: 1, r: 1 };
    const b = scaleFreeRoot((x) => reduced(a, x, 1, delta), 0, 1);
    return { l: b.lo, r: b.hi };
  }
  // Fast path when every term has a curvature: the kinks split (0, 1) into smooth pieces; the piece holding the root is
  // found by the signs of the one-sided slopes at the kinks, then safeguarded Newton runs inside it (geometric
  // bisection when Newton leaves the bracket), and the bracket is tightened to a few ulps for the certificate.
  const kinks = Array.from({ length: A }, (_, a) =>
    [...new Set(terms.flatMap((t) => (t.coef === 0 ? [] : (t.drift.separable!.kinks?.(a, pi, ctx) ?? []))))]
      .filter((k) => k > 0 && k < 1)
      .sort((u, v) => u - v),
  );
  const lastRoot = new Float64Array(A).fill(NaN);
  const curvature = (a: number, x: number) => {
    let c = 0;
    for (const t of terms) if (t.coef !== 0) c += t.coef * t.drift.separable!.curvature!(a, x, pi, ctx);
    return c;
  };
  // Long on purpose (docs/architecture.md): safeguarded Newton with its bracket in locals; issue 11 replaces it.
  function newtonBracketOf(a: number, delta: number): { l: number; r: number } {
    if (!(reduced(a, 0, 1, delta) >= 0)) return { l: 0, r: 0 };
    if (reduced(a, 1, -1, delta) >= 0) return { l: 1, r: 1 };
    let lo = 0;
    let hi = 1;
    for (const k of kinks[a]) {
      if (reduced(a, k, 1, delta) >= 0) {
        lo = k;
        continue;
      }
      if (reduced(a, k, -1, delta) >= 0) return { l: k, r: k };
      hi = k;
      break;
    }
    const f = (x: number) => reduced(a, x, 1, delta);
    // Bracket to within a factor of 2 before Newton: Newton on a barrier term B/x from far left only doubles x per
    // step. Gallop geometrically (factor squared each step) from the previous root of this action, or from the
    // smallest double, then bisect over binary exponents.
    const warm = lastRoot[a];
    let x0 = warm > lo && warm < hi ? warm : lo > 0 ? lo : Number.MIN_VALUE;
    if (x0 >= hi) x0 = hi / 2;
    if (f(x0) >= 0) {
      lo = x0;
      for (let factor = 2; lo * factor < hi; factor *= factor) {
        const t = lo * factor;
        if (f(t) >= 0) lo = t;
        else {
          hi = t;
          break;
        }
        if (factor > 1e150) break;
      }
    } else {
      hi = x0;
      if (lo === 0 && !(f(Number.MIN_VALUE) >= 0)) return { l: 0, r: Number.MIN_VALUE };
      for (let factor = 2; ; factor *= factor) {
        const t = Math.max(hi / factor, lo, Number.MIN_VALUE);
        if (f(t) >= 0) {
          lo = t;
          break;
        }
        hi = t;
        if (t === Number.MIN_VALUE || t === lo) break;
      }
    }
    if (lo === 0) lo = Number.MIN_VALUE;
    while (hi / lo > 2) {
      const m = 2 ** Math.round((Math.log2(lo) + Math.log2(hi)) / 2);
      if (!(m > lo && m < hi)) break;
      if (f(m) >= 0) lo = m;
      else hi = m;
    }
    let x = hi / lo > 4 ? Math.sqrt(lo) * Math.sqrt(hi) : (lo + hi) / 2;
    for (let i = 0; i < 200; i++) {
      const fx = f(x);
      if (fx === 0) return { l: x, r: x };
      if (fx > 0) lo = x;
      else hi = x;
      if (hi - lo <= 4 * Number.EPSILON * hi) break;
      const slope = -curvature(a, x);
      let next = slope < 0 && Number.isFinite(slope) ? x - fx / slope : NaN;
      if (!(next > lo && next < hi)) next = hi / lo > 4 ? Math.sqrt(lo) * Math.sqrt(hi) : (lo + hi) / 2;
      if (next === x) break;
      x = next;
    }
    // Tighten: the other side of the root within a few ulps of the last iterate.
    for (
      let step = Math.max(Number.MIN_VALUE, 2 * Number.EPSILON * lo);
      hi - lo > 4 * Number.EPSILON * hi && lo + step < hi;
      step *= 4
    ) {
      if (f(lo + step) >= 0) lo += step;
      else {
        hi = lo + step;
        break;
      }
    }
    for (
      let step = Math.max(Number.MIN_VALUE, 2 * Number.EPSILON * hi);
      hi - lo > 4 * Number.EPSILON * hi && hi - step > lo;
      step *= 4
    ) {
      if (f(hi - step) < 0) hi -= step;
      else {
        lo = hi - step;
        break;
      }
    }
    lastRoot[a] = lo;
    return { l: lo, r: hi };
  }
  // The left end of the bracket, unless a barrier makes it infinite (a root below the smallest double, where
  // π_a > 0 under a KL): then the right end, the smallest representable point with a finite penalty.
  const xAt1 = (a: number, delta: number): number => {
    const { l, r } = bracketOf(a, delta);
    return l === 0 && r > 0 && penalty(a, 0) === Infinity ? r : l;
  };
  const xAt = (delta: number) => Float64Array.from({ length: A }, (_, a) => xAt1(a, delta));
  /** Σ_a x_a(δ) − 1, leaving x(δ) in `xBuffer`. */
  const xBuffer = new Float64Array(A);
  // Lagrangian dual of Σp = 1: max_Δ φ ≤ D(λ) = λ + Σ_a max_{x∈[0,1]} [φ_a(x) − λx] for every λ; each 1-D maximum of a
  // concave function with its maximiser in [l, r] is at most min(ψ(l) + ψ′(l⁺)·(r − l), ψ(r) − ψ′(r⁺)·(r − l)).
  const dualBound = (delta: number): number => {
    let d = anchor + delta;
    for (let a = 0; a < A; a++) {
      const { l, r } = bracketOf(a, delta);
      const psi = (x: number) => {
        const pen = penalty(a, x);
        return pen === Infinity ? -Infinity : (g[a] - anchor - delta) * x - pen;
      };
      // The tangent at l (slope ≥ 0) or at r (slope < 0) bounds the concave ψ on [l, r] from above.
      const fromLeft = r > l ? psi(l) + Math.max(0, reduced(a, l, 1, delta)) * (r - l) : psi(l);
      const fromRight = r > l ? psi(r) + Math.max(0, -reduced(a, r, 1, delta)) * (r - l) : psi(l);
      // −∞ + ∞ (a barrier's value and slope at 0) is no bound at all, not NaN.
      const top = Math.min(
        Number.isNaN(fromLeft) ? Infinity : fromLeft,
        Number.isNaN(fromRight) ? Infinity : fromRight,
      );
      if (!(top < Infinity)) return Infinity;
      d += top;
    }
    return d;
  };
  const excess = (delta: number) => {
    for (let a = 0; a < A; a++) xBuffer[a] = xAt1(a, delta);
    return excessOverOne(xBuffer);
  };

  let lo = Infinity;
  for (let a = 0; a < A; a++) lo = Math.min(lo, g[a] - anchor - penaltySlope(a, 1, -1));
  if (!Number.isFinite(lo)) lo = -1;
  lo = Math.min(lo, -Number.MIN_VALUE);
  for (let step = 1; excess(lo) < 0 && step < 2000; step++) lo -= step * (1 + Math.abs(lo));
  let hi = -Infinity;
  for (let a = 0; a < A; a++) {
    const s0 = g[a] - anchor - penaltySlope(a, 0, 1);
    if (Number.isFinite(s0)) hi = Math.max(hi, s0);
  }
  if (!(hi > 0)) hi = 1;
  for (let step = 1; excess(hi) > 0 && step < 2000; step++) hi += step * (1 + Math.abs(hi));

  /**
   * δ with Σ_a x_a(δ) = 1 by safeguarded Newton: d x_a/dδ = −1/P″_a(x_a) for an action strictly inside (0, 1) off a
   * kink (P = Σ coef·term), 0 otherwise; a step leaving the bracket bisects (geometrically when the bracket spans
   * orders of magnitude on one side of 0). The bracket is then tightened to a few ulps around the last iterate.
   */
  function newtonRoot(lo0: number, hi0: number): { lo: number; hi: number } {
    let lo = lo0;
    let hi = hi0;
    const x = xBuffer; // filled by each excess(δ)
    const fAt = excess;
    const midpoint = () => {
      if (lo < 0 && hi > 0) return 0;
      const [u, v] = [Math.abs(lo), Math.abs(hi)];
      const small = Math.min(u, v);
      const large = Math.max(u, v);
      if (small > 0 && large / small > 4) return Math.sign(lo + hi) * Math.sqrt(small) * Math.sqrt(large);
      if (small === 0 && large > 1e-300) return Math.sign(lo + hi) * large * 1e-8;
      return lo + (hi - lo) / 2;
    };
    let delta = midpoint();
    for (let i = 0; i < 300; i++) {
      const F = fAt(delta);
      if (F === 0) return { lo: delta, hi: delta };
      if (F > 0) lo = delta;
      else hi = delta;
      if (hi - lo <= 4 * Number.EPSILON * Math.max(Math.abs(lo), Math.abs(hi))) break;
      let dF = 0;
      for (let a = 0; a < A; a++) {
        if (x[a] <= 0 || x[a] >= 1 || kinks[a].includes(x[a])) continue;
        const c = curvature(a, x[a]);
        if (c > 0 && Number.isFinite(c)) dF -= 1 / c;
      }
      let next = dF < 0 ? delta - F / dF : NaN;
      if (!(next > lo && next < hi)) next = midpoint();
      if (!(next > lo && next < hi)) next = lo + (hi - lo) / 2;
      if (next === delta || next <= lo || next >= hi) break;
      delta = next;
    }
    // Tighten the far side to within a few ulps of the near one.
    const ulp = (v: number) => Math.max(Number.MIN_VALUE, Math.abs(v) * Number.EPSILON);
    for (let step = ulp(lo); hi - lo > 4 * ulp(hi) && lo + step < hi; step *= 4) {
      if (fAt(lo + step) >= 0) lo += step;
      else {
        hi = lo + step;
        break;
      }
    }
    for (let step = ulp(hi); hi - lo > 4 * ulp(lo) && hi - step > lo; step *= 4) {
      if (fAt(hi - step) < 0) hi -= step;
      else {
        lo = hi - step;
        break;
      }
    }
    return { lo, hi };
  }
  const root = smooth ? newtonRoot(lo, hi) : scaleFreeRoot(excess, lo, hi);
  const xHigh = xAt(root.lo); // Σ ≥ 1
  const xLow = xAt(root.hi); // Σ ≤ 1
  const overHigh = excessOverOne(xHigh);
  const overLow = excessOverOne(xLow);
  const theta = overHigh > overLow ? Math.min(1, Math.max(0, -overLow / (overHigh - overLow))) : 0;
  const p = new Float64Array(A);
  for (let a = 0; a < A; a++) p[a] = xLow[a] + theta * (xHigh[a] - xLow[a]);
  const total = excessOverOne(p) + 1;
  for (let a = 0; a < A; a++) p[a] /= total;

  const achieved = stateObjective(problem, p);
  const bound = Math.min(dualBound(root.lo), dualBound(root.hi), dualBound(root.lo + (root.hi - root.lo) / 2));
  const gap = bound - achieved;
  return { p, value: achieved, gap: Number.isFinite(gap) ? Math.max(0, gap) : Infinity, method: 'separable' };
}

/**
 * Σ_a x_a − 1 without losing small entries next to a large one: (x_max − 1) is exact for x_max ∈ [½, 2] (Sterbenz),
 * and the rest are added smallest first. (Plain Σx − 1 turns 1 + 1e-16 into 0 and fakes an exact root.)
 */
export function excessOverOne(x: Float64Array): number {
  let k = 0;
  for (let a = 1; a < x.length; a++) if (x[a] > x[k]) k = a;
  const rest = Array.from(x)
    .filter((_, a) => a !== k)
    .sort((u, v) => u - v);
  let s = 0;
  for (const v of rest) s += v;
  return x[k] - 1 + s;
}
