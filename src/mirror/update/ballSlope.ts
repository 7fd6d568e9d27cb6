import type { Drift, DriftContext, SeparableTerms } from '../drifts/drift.js';
import { forwardKlDrift } from '../drifts/forwardKlDrift.js';
import type { StateProblem } from './stateProblem.js';

/**
 * How fast one state's ball divergence falls as the ball's multiplier grows: d/dμ D_ball(p(μ)) for the per-state problem
 * of the mirror update with the ball relaxed (Kuba et al. 2022, Definition 3; the multiplier enters as the last term,
 * coef = μ·ω),
 *   p(μ) = argmax_{p ∈ P(A)} ⟨p, g⟩ − Σ_k coef_k·D_k(p).
 * By the implicit function theorem on the KKT conditions over the free actions F (p_a > 0, off every term's kinks;
 * the others stay where they are), with H = ∇²Σ_k coef_k·D_k on F and d = ∇D_ball:
 *   H·dp/dμ = −(ω·d + λ′·1),  1ᵀdp/dμ = 0   ⇒   dD_ball/dμ = −ω·[dᵀH⁻¹d − (1ᵀH⁻¹d)²/(1ᵀH⁻¹1)] ≤ 0.
 * H = diag(h) + 2α·u·uᵀ when the terms are separable (h_a from their curvatures) and one squared separable
 * α·T(p)² (TV², u = ∇T; Sherman–Morrison). Only steers the multiplier search (a Newton step; the weak-duality
 * certificate is unchanged): NaN when a term is of another kind, a curvature is missing or zero, or anything is not
 * finite.
 */
export function ballSlope(problem: StateProblem, p: Float64Array, omega: number): number {
  const { pi, ctx, terms } = problem;
  const A = p.length;
  const ball = terms[terms.length - 1].drift;
  const inner = quadraticInner(terms);
  if (inner === undefined) return NaN;
  // The squared terms share one inner T: together α·T², whose Hessian is 2α·(∇T∇Tᵀ + T·∇²T).
  let alpha = 0;
  let innerValue = 0;
  const innerTerms = inner?.separable;
  if (inner !== null) {
    if (!innerTerms?.curvature) return NaN;
    for (const t of terms) if (t.coef !== 0 && !t.drift.separable) alpha += t.coef * t.drift.quadratic!.scale(ctx);
    innerValue = inner.value(p, pi, ctx);
  }
  const ballQuadratic = ball.quadratic;
  const ballScale = ballQuadratic ? 2 * ballQuadratic.scale(ctx) * ballQuadratic.inner.value(p, pi, ctx) : 0;
  // Sums over F of d²/h, d/h, 1/h, u²/h, u/h, u·d/h.
  let dd = 0;
  let d1 = 0;
  let one = 0;
  let uu = 0;
  let u1 = 0;
  let ud = 0;
  let rising = 0;
  let falling = 0;
  let free = 0;
  for (let a = 0; a < A; a++) {
    const x = p[a];
    if (!(x > 0)) continue;
    let h = innerTerms ? 2 * alpha * innerValue * innerTerms.curvature!(a, x, pi, ctx) : 0;
    let atKink = innerTerms !== undefined && atKinkOf(innerTerms, a, x, pi, ctx);
    for (const t of terms) {
      const sep = t.drift.separable;
      if (t.coef === 0 || !sep) continue;
      if (!sep.curvature) return NaN;
      atKink ||= atKinkOf(sep, a, x, pi, ctx);
      h += t.coef * sep.curvature(a, x, pi, ctx);
    }
    if (atKink) continue;
    const u = innerTerms ? innerTerms.derivative(a, x, 1, pi, ctx) : 0;
    if (h === 0 && u !== 0) {
      // Flat but for the squared term (TV² alone): only the pure case below is known.
      if (u > 0) rising++;
      else falling++;
      continue;
    }
    if (!(h > 0 && h < Infinity)) return NaN;
    free++;
    const d = ballQuadratic
      ? ballScale * ballQuadratic.inner.separable.derivative(a, x, 1, pi, ctx)
      : ball.separable!.derivative(a, x, 1, pi, ctx);
    dd += (d * d) / h;
    d1 += d / h;
    one += 1 / h;
    uu += (u * u) / h;
    u1 += u / h;
    ud += (u * d) / h;
  }
  if (rising + falling > 0) {
    // Only squared terms of one inner T (TV² in a TV² ball): stationarity on the moving actions pins 2α·T to a gap of
    // rewards while mass can pass between a rising and a falling action, so T ∝ 1/α with α = Σ coef·scale ∋ μω·b, and
    // D_ball = b·T² moves by −2ω·b²·T²/α = −ω·(2bT)²/(2α); with no such pair T stays on its breakpoint.
    if (one > 0 || ballQuadratic?.inner !== inner || !(alpha > 0)) return NaN;
    return rising > 0 && falling > 0 ? (-omega * ballScale * ballScale) / (2 * alpha) : 0;
  }
  if (free <= 1) return 0; // one free action or none: Σp = 1 holds the row where it is
  const slope = -omega * Math.max(0, reducedCurvature(dd, d1, one, uu, u1, ud, alpha));
  return Number.isFinite(slope) ? slope : NaN;
}

/**
 * dᵀH⁻¹d − (1ᵀH⁻¹d)²/(1ᵀH⁻¹1) for H = diag(h) + 2α·uuᵀ on the free actions (Sherman–Morrison), from their sums of d²/h,
 * d/h, 1/h, u²/h, u/h and u·d/h: the ball's curvature along the simplex, of which −ω times is dD_ball/dμ (also the
 * second-order start's model slope).
 */
export function reducedCurvature(
  dd: number,
  d1: number,
  one: number,
  uu: number,
  u1: number,
  ud: number,
  alpha: number,
): number {
  const gamma = alpha > 0 ? (2 * alpha) / (1 + 2 * alpha * uu) : 0;
  const oneHd = d1 - gamma * u1 * ud;
  return dd - gamma * ud * ud - (oneHd * oneHd) / (one - gamma * u1 * u1);
}

/** The one inner function of the squared separable terms (null when there are none), undefined when a term is of
 *  neither kind or two squared terms have different inner functions. */
function quadraticInner(terms: StateProblem['terms']): Drift | null | undefined {
  let inner: Drift | null = null;
  for (const t of terms) {
    if (t.coef === 0 || t.drift.separable) continue;
    const q = t.drift.quadratic;
    if (!q || (inner !== null && q.inner !== inner)) return undefined;
    inner = q.inner;
  }
  return inner;
}

/**
 * A term declares its kinks (none: smooth on (0, 1)); x is at one when it lies within a few ulps of it. A solver keeps
 * an action on its kink exactly (x = π_a for TV), but the row's normalisation moves it by an ulp or two, and an action
 * counted as free on one probe and pinned on the next gave slopes 1e-3 apart at multipliers 1e-8 apart (TV² in a KL ball,
 * S = 200): the search then converged linearly, in six probes where four do.
 */
function atKinkOf(sep: SeparableTerms, a: number, x: number, pi: Float64Array, ctx: DriftContext): boolean {
  if (sep.kinks === undefined) return false;
  // A kink within the window makes the slopes at its two ends differ; equal slopes (a piecewise-linear term away from
  // its kinks, the common case) rule it out without asking for the kinks (a list per call).
  const reach = 16 * Number.EPSILON * x;
  if (sep.derivative(a, x - reach, -1, pi, ctx) === sep.derivative(a, x + reach, 1, pi, ctx)) return false;
  // Slopes that differ on a linear piece (TV's: curvature 0) can only come from a kink in the window — an action a
  // closed form leaves on π_a, the common case, decided without the list.
  if (sep.curvature?.(a, x, pi, ctx) === 0) return true;
  for (const k of sep.kinks(a, pi, ctx)) if (Math.abs(x - k) <= 8 * Number.EPSILON * Math.max(x, k)) return true;
  return false;
}

/**
 * ballSlope for a KL ball from the solver's own dKL(π‖x)/dm (klSlopeOfRows), m the per-action KL coefficient: the
 * ball D_ball = s_b·KL enters m as μ·ω·s_b, so dD_ball/dμ = s_b²·ω·dKL/dm. NaN when the ball is not of KL's family.
 */
export function klBallSlope(ball: Drift, ctx: DriftContext, omega: number, klSlope: number): number {
  if (ball.family?.base !== forwardKlDrift) return NaN;
  const scale = ball.family.scale(ctx);
  return scale * scale * omega * klSlope;
}
