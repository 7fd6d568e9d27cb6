import { bracketRoot } from '../simplex/bracketRoot.js';

/** A relaxed solution with its own certified optimality gap (Infinity when uncertified). */
export interface Gapped {
  gap: number;
  /** d c(x(μ))/dμ at this solution when the solver knows it (the implicit function theorem): the search's Newton step. */
  slope?: number;
  /**
   * Set by a solver asked to `screen` the unconstrained probe, when it stopped as soon as it knew c(x) = +∞ (a weighted
   * sum of nonnegative divergences with one infinite term): the rest of x is not solved, and is asked for again in full
   * only if the search needs x itself.
   */
  partial?: boolean;
}

/** The result of relaxing one constraint c(x) ≤ δ with a multiplier. */
export interface DualResult<T extends Gapped> {
  solution: T;
  multiplier: number;
  /** c(x) at the returned solution (≤ radius). */
  constraint: number;
  /** Bound on OPT − f(x): μ·(δ − c(x)) + the relaxed solution's own gap (weak duality). */
  gap: number;
}

/**
 * Lagrangian relaxation of one constraint c(x) ≤ δ: finds the smallest multiplier μ ≥ 0 whose relaxed maximiser
 * x(μ) = argmax f(x) − μ·c(x) is feasible — μ = 0 if the unconstrained maximiser is, else by a bracket and safeguarded
 * false position on log c(x(μ)) against log μ (`logLogSearch`; c(x(μ)) is nonincreasing in μ), starting from
 * `initialMultiplier` (a function: asked only when the unconstrained solution gives no slope to start from) — and
 * returns the feasible x(μ) with the smallest certificate.
 *
 * Certificate by weak duality, which needs no convexity: for any μ ≥ 0, OPT ≤ max_x f − μ(c − δ), so for the feasible
 * x(μ) solved to within ε, OPT − f(x(μ)) ≤ μ·(δ − c(x(μ))) + ε. The search stops when that bound is below `tolerance`
 * or μ is pinned to adjacent doubles (a jump in c(x(μ)), possible for non-strictly-convex c, leaves the bound honest).
 * Returns null when no finite multiplier makes x(μ) feasible (a radius 0, or a constraint whose relaxed maximisers
 * never reach it numerically): the caller falls back to π itself, which is feasible, with an uncertified gap.
 * The unconstrained probe is asked for as `solve(0, false, true)` (screened): the solver may stop once c(x) is known to be
 * +∞ and mark x `partial`; x(0) is then solved in full only if it is the answer (an infinite radius) or the segment
 * search mixes toward it.
 */
export function dualBisection<T extends Gapped>(
  solve: (mu: number, draft?: boolean, screen?: boolean) => T,
  constraintOf: (solution: T) => number,
  radius: number,
  tolerance: number,
  initialMultiplier: number | (() => number) = 1,
  segment?: SegmentSearch<T>,
  drafts = false,
): DualResult<T> | null {
  // The unconstrained probe only has to show that it is infeasible when it is (a KL ball beside a drift whose maximiser
  // leaves supp π reads ∞ in the first state: 7 % of TV² in a KL ball at S = 200 went to solving the other states).
  let free = solve(0, false, true);
  let freeValue = free.partial ? Infinity : constraintOf(free);
  // An infinite radius takes even c = ∞: the unconstrained solution is the answer, solved in full (found by review).
  if (free.partial && freeValue <= radius) {
    free = solve(0);
    freeValue = constraintOf(free);
  }
  if (freeValue <= radius) return { solution: free, multiplier: 0, constraint: freeValue, gap: free.gap };
  // From the unconstrained solution's slope, where known, by the model the search's own steps use.
  // Aimed as the search's own steps are, a sixteenth of the tolerance inside the ball (at δ itself, an exact model's
  // first probe lands on the boundary, infeasible half the time by rounding).
  const rough = smallStepModel(0, freeValue, free.slope ?? NaN, radius);
  const start = smallStepModel(
    0,
    freeValue,
    free.slope ?? NaN,
    radius * (1 - Math.min(0.5, tolerance / (16 * rough * radius))),
  );
  const initial = start > 0 ? start : typeof initialMultiplier === 'function' ? initialMultiplier() : initialMultiplier;
  let best: DualResult<T> | null = null;
  let infeasible: { solution: T; mu: number; constraint: number } = { solution: free, mu: 0, constraint: freeValue };
  let slope = NaN;
  // With `drafts`, probes ask for rows without their certificates (gap NaN: `solve(μ, true)`), which is all a probe
  // needs to steer the search; a feasible draft is solved again in full where its bound μ·(δ − c) could end the search,
  // and at the end, if nothing certified within the tolerance, the others by that bound, smallest first: until one
  // certifies, or three were tried and one was feasible (a full solve may pick another row than its draft: the
  // κ-search, a cold retry), or none is left.
  const pending: { mu: number; slack: number }[] = [];
  // A probe that Newton's quadratic convergence predicts to be the last is solved in full at once, where its draft was
  // then solved again in full (TV² in a KL ball: steps of 8 %, then 6e-5, then certified). From the last two relative
  // steps e₀, e₁ (each taken by the solver's slope): the next is ≈ C·e₁² with C = e₁/e₀², and the slack it leaves,
  // μ·δ·2·C·e₁² (c ∝ μ⁻²), is compared with four times the tolerance: C from the longer step overestimated the slack
  // about twice in the updates measured (TV² in a KL ball at S = 200: 6.1e-12 predicted, 3.2e-12 left), and a wasted
  // full solve costs about one draft more where a right one saves one. Speed only: the answer is a full solve either way.
  let lastMu = NaN;
  let lastStep = NaN;
  const f = (mu: number, full = false) => {
    const step = Number.isFinite(slope) ? Math.abs(mu - lastMu) / mu : NaN;
    const near = (2 * step * step * step) / (lastStep * lastStep) <= (4 * tolerance) / (mu * radius);
    lastStep = step;
    lastMu = mu;
    let solution = solve(mu, drafts && !full && !near);
    let constraint = constraintOf(solution);
    if (constraint <= radius && Number.isNaN(solution.gap)) {
      const slack = mu * (radius - constraint);
      if (slack > tolerance) {
        pending.push({ mu, slack });
        slope = solution.slope ?? NaN;
        return constraint - radius;
      }
      solution = solve(mu);
      constraint = constraintOf(solution);
    }
    slope = solution.slope ?? NaN;
    if (constraint <= radius) {
      const gap = mu * (radius - constraint) + solution.gap;
      // Smaller bound wins; among uncertified (∞) bounds the smaller multiplier, whose relaxed solution is closer to the
      // constraint (found by the drift gate: keeping the first feasible μ returned π_old for a value-only drift).
      if (!best || gap < best.gap || (gap === best.gap && mu < best.multiplier)) {
        best = { solution, multiplier: mu, constraint, gap };
      }
    } else if (mu >= infeasible.mu) infeasible = { solution, mu, constraint };
    return constraint - radius;
  };
  // Stop when the weak-duality bound certifies the answer; for uncertified inner solutions (generic solver, gap ∞) no
  // bound will come, so stop once the constraint is active to within rounding (16u relative): a ball left unused by
  // even 1e-9 of its radius leaves a gain of μ·1e-9·δ that a feasible candidate shows (found by update-optimality).
  // An uncertified inner solver (a value-only drift) locates x(μ) only to ~√u, so c(x(μ)) is noisy at that level and
  // the bracket would otherwise shrink to adjacent doubles through hundreds of noisy solves (a user's χ² in an expected
  // ball took minutes per update): once μ is pinned to 2⁻⁴⁰ relative, the segment search below closes the remaining
  // gap to the ball's boundary exactly, on the segment between the feasible and the infeasible side.
  const done = (bracket: { lo: number; hi: number }) => {
    const b = best as DualResult<T> | null;
    if (b === null) return false;
    if (b.gap <= tolerance) return true;
    if (Number.isFinite(b.solution.gap)) return false;
    return b.constraint >= radius * (1 - 16 * Number.EPSILON) || bracket.hi - bracket.lo <= 2 ** -40 * bracket.hi;
  };
  const searched = logLogSearch(f, () => slope, radius, initial, tolerance, done);
  if (searched !== null && !done(searched)) {
    // In μ itself to adjacent doubles (log μ's doubles are coarser than μ's when |log μ| is large), from the bracket
    // the log-space search left, or from [0, μ] when no positive μ was infeasible (a jump of c(x(μ)) at 0).
    bracketRoot(f, searched.lo, searched.hi, done, searched.flo ?? freeValue - radius, searched.fhi);
  }
  pending.sort((p, q) => p.slack - q.slack || p.mu - q.mu);
  for (let i = 0; i < pending.length; i++) {
    const settled = best as DualResult<T> | null;
    if (settled !== null && (settled.gap <= tolerance || i >= 3)) break;
    f(pending[i].mu, true);
  }
  const found = best as unknown as DualResult<T> | null;
  if (!found) return null; // no feasible x(μ) was ever seen (e.g. a constraint that evaluates to NaN)
  if (!segment || found.gap <= tolerance) return found;
  if (infeasible.solution.partial) {
    const whole = solve(0);
    infeasible = { solution: whole, mu: 0, constraint: constraintOf(whole) };
  }
  return segmentSearch(found, infeasible, constraintOf, radius, segment) ?? found;
}

/**
 * The multiplier search of `dualBisection`, in t = log μ on r(t) = log(c(x(μ))/δ): c(x(μ)) falls like a power of μ
 * (μ⁻² for a smooth divergence far from μ = 0), so r is nearly linear in t and the secant method converges in a few
 * solves where false position in μ itself crept down from its first guess by halvings (11 solves per update of an L2
 * drift in a KL ball). From `initial` (the previous update's multiplier inside a run, else the values' scale), steps
 * follow the secant of the last two probes (slope −2 for the first), overshot by a quarter, then by twice as much after
 * each step that does not cross the root, at most ×10⁶ a step, until the root is bracketed; then the secant of the last
 * two probes, safeguarded by bisection whenever it leaves the bracket or two steps fail to halve it. Where the solver
 * knows dc/dμ at its probe (`slope`, by the implicit function theorem), the small-step model's step (`smallStepModel`,
 * Newton's to first order) replaces the secant's: taken whole while it halves r − aim each step, inside the bracket
 * once there is one, and a few ulps inside an end it lands on (the secant, then bisection, otherwise). Stops at a certified probe or one exactly on the boundary. Returns the last bracket
 * in μ with f at its ends (lo = 0, f unknown, when no positive μ was seen infeasible), or null when no probe was
 * feasible up to the largest double. `f(μ)` = c(x(μ)) − δ; `slope()` = dc/dμ at the last probe, NaN when unknown.
 */
function logLogSearch(
  f: (mu: number) => number,
  slope: () => number,
  radius: number,
  initial: number,
  tolerance: number,
  done: (bracket: { lo: number; hi: number }) => boolean,
): { lo: number; hi: number; flo?: number; fhi?: number } | null {
  // r(t) = log(c/δ) at μ = e^t; `fAt` keeps f = c − δ of the last probe (the bracket's ends are not solved again).
  let fAt = NaN;
  const r = (t: number) => Math.log(((fAt = f(Math.exp(t))) + radius) / radius);
  // The secant aims a little inside the ball, c = δ − tolerance/(16μ): a feasible x(μ) near there is certified at once
  // (μ·(δ − c) ≈ tolerance/16), where aiming at c = δ itself left the probes on the infeasible side.
  const aim = (t: number) => Math.log1p(-Math.min(0.5, tolerance / (16 * Math.exp(t) * radius)));
  const MAX_STEP = Math.log(1e6);
  let lo = -Infinity;
  let hi = Infinity;
  let flo = NaN;
  let fhi = NaN;
  let t0 = NaN;
  let r0 = NaN;
  const LOG_MAX = Math.log(Number.MAX_VALUE);
  let t1 = initial > 0 ? Math.log(Math.min(Math.max(initial, 1e-300), 1e300)) : 0; // a NaN or 0 guess: μ = 1
  let r1 = r(t1);
  let width = Infinity;
  let overshoot = 1.25;
  let e0 = NaN; // r − aim at the previous probe that had a Newton step
  for (let i = 0; i < 2000; i++) {
    if (r1 > 0) {
      lo = t1;
      flo = fAt;
    } else {
      hi = t1;
      fhi = fAt;
    }
    const bracketed = lo > -Infinity && hi < Infinity;
    // A feasible probe may already be certified before the root is bracketed (a tiny μ: μ·(δ − c) is tiny); one exactly
    // on the boundary (c = δ) is the root itself: no multiplier does better (its bound is the inner solve's gap).
    if (hi < Infinity && (r1 === 0 || done({ lo: Math.exp(lo), hi: Math.exp(hi) }))) break;
    const chord = (r1 - r0) / (t1 - t0);
    const secant = chord < 0 && Number.isFinite(chord) && Number.isFinite(r1) ? t1 - (r1 - aim(t1)) / chord : NaN;
    const model = Number.isFinite(r1)
      ? smallStepModel(Math.exp(t1), fAt + radius, slope(), radius * Math.exp(aim(t1)))
      : NaN;
    const newton = model > 0 ? Math.log(model) : NaN;
    const e1 = r1 - aim(t1);
    // The model's step (Newton's, to first order) is converging while each step at least halves the residual r − aim
    // (the first step always counts).
    const halving = Number.isFinite(newton) && !(Math.abs(e1) > Math.abs(e0) / 2);
    e0 = Number.isFinite(newton) ? e1 : NaN;
    let next: number;
    if (!bracketed) {
      // Toward the root by Newton's step while it converges; else by the secant's (or slope −2's) estimate, a quarter
      // beyond it, and twice as far beyond it after each step that did not cross it, so that a poor estimate still
      // brackets the root in a few probes.
      const distance = halving
        ? Math.abs(newton - t1)
        : Number.isFinite(secant)
          ? Math.abs(secant - t1)
          : Number.isFinite(r1)
            ? Math.abs(r1 - aim(t1)) / 2
            : MAX_STEP;
      // At least a few ulps of t: a model step that lands within rounding of the boundary on its far side (an exact
      // model aims at it) would otherwise stop the search with no feasible probe (found by a fresh-eyes review: 687 of
      // 20,000 exact-model cases returned null, where the secant alone certified them).
      const step = Math.max(
        4 * Number.EPSILON * Math.max(1, Math.abs(t1)),
        Math.min(MAX_STEP, halving ? distance : overshoot * distance),
      );
      if (!halving) overshoot *= 2;
      next = t1 + (r1 > 0 ? 1 : -1) * step;
      if (next > LOG_MAX) {
        if (t1 === LOG_MAX) return null; // infeasible at the largest double
        next = LOG_MAX;
      }
      if (next < Math.log(1e-300)) break; // feasible down to μ = 1e-300: [0, μ] is the bracket
    } else {
      const mid = lo + (hi - lo) / 2;
      if (!(mid > lo && mid < hi)) break; // adjacent doubles in t
      // Bisect when the secant leaves the bracket, or every other step when two steps did not halve it.
      const slow = i % 2 === 0 && hi - lo > width / 2;
      if (i % 2 === 0) width = hi - lo;
      // Newton's step where it is converging; a step that lands on an end of the bracket to rounding (the root lies
      // within a few ulps of it, on the side not yet probed) goes those few ulps inside instead, where bisection would
      // creep toward the end by halvings (found by a property: 34 solves where the secant alone took 12).
      const nudge = 4 * Number.EPSILON * Math.max(1, Math.abs(t1));
      let target = newton;
      if (halving && !(newton > lo + nudge)) target = newton >= lo - 8 * nudge ? lo + nudge : NaN;
      else if (halving && !(newton < hi - nudge)) target = newton <= hi + 8 * nudge ? hi - nudge : NaN;
      if (halving && target > lo && target < hi && target !== t1) next = target;
      else next = secant > lo && secant < hi && !slow ? secant : mid;
    }
    t0 = t1;
    r0 = r1;
    t1 = next;
    r1 = r(t1);
  }
  if (!(hi < Infinity)) return null;
  return lo > -Infinity ? { lo: Math.exp(lo), hi: Math.exp(hi), flo, fhi } : { lo: 0, hi: Math.exp(hi), fhi };
}

/**
 * For a concave objective f and a convex constraint c: where x(μ) jumps at the optimal multiplier (a piecewise-linear
 * problem), the optimum lies on the segment from the feasible x_hi = x(μ_hi) toward the infeasible x_lo = x(μ_lo).
 */
export interface SegmentSearch<T> {
  mix(from: T, toward: T, theta: number): T;
  objective(solution: T): number;
  /**
   * f concave and c convex, so that the segment's point is certified. Otherwise (a non-convex drift, whose relaxed
   * maximisers leave part of the ball unused) the point is taken only when it is better, and stays uncertified.
   */
  readonly concave: boolean;
}

/**
 * Moves from x_hi toward x_lo as far as the constraint allows (c convex along the segment: bisection on θ), x_θ =
 * (1 − θ)·x_hi + θ·x_lo. Certificate, from weak duality at μ_hi (OPT ≤ L(x_hi) + ε_hi) and concavity of
 * L(·, μ_hi) = f − μ_hi·(c − δ) along the segment (L(x_θ) ≥ L(x_hi) − θ·(L(x_hi) − L(x_lo))):
 *   OPT − f(x_θ) ≤ θ·max(0, L(x_hi) − L(x_lo)) + ε_hi + μ_hi·(δ − c(x_θ)).
 * (It read (1 − θ)·… until a review: harmless while x_lo maximised L at a multiplier next to μ_hi, the spread then ≈ 0,
 * but a point 2.4 below OPT was certified to 0.017 where x_lo was far from it. Exported for that test.)
 */
export function segmentSearch<T extends Gapped>(
  found: DualResult<T>,
  infeasible: { solution: T; mu: number; constraint: number },
  constraintOf: (solution: T) => number,
  radius: number,
  segment: SegmentSearch<T>,
): DualResult<T> | null {
  const mu = found.multiplier;
  const hi = found.solution;
  const lo = infeasible.solution;
  const lagrangian = (x: T, c: number) => segment.objective(x) - mu * (c - radius);
  const spread = Math.max(0, lagrangian(hi, found.constraint) - lagrangian(lo, infeasible.constraint));
  let a = 0;
  let b = 1;
  let bestMix = hi;
  let bestC = found.constraint;
  for (let i = 0; i < 60; i++) {
    const theta = (a + b) / 2;
    const x = segment.mix(hi, lo, theta);
    const c = constraintOf(x);
    if (c <= radius) {
      a = theta;
      bestMix = x;
      bestC = c;
    } else b = theta;
  }
  if (!segment.concave) {
    const better = bestMix !== hi && segment.objective(bestMix) > segment.objective(hi);
    return better ? { solution: bestMix, multiplier: mu, constraint: bestC, gap: found.gap } : null;
  }
  const gap = a * spread + hi.gap + mu * (radius - bestC);
  return gap < found.gap ? { solution: bestMix, multiplier: mu, constraint: bestC, gap } : null;
}

/**
 * The multiplier where c = target by the small-step model through a probe (μ₁, c₁ = c(x(μ₁)), c′₁): the ball's
 * divergence as c(μ) = C/(μ + μ₀)² — exact for a quadratic drift in a quadratic ball away from the simplex's faces (the
 * move x(μ) − π scales like 1/(μ + μ₀)), and the leading order of any smooth pair, with μ₀ > 0 the drift's own
 * stiffness in the ball's units. Matching c and c′ at μ₁ (μ₁ + μ₀ = −2c₁/c′₁):
 *   μ = μ₁ + (−2c₁/c′₁)·(√(c₁/target) − 1).
 * It agrees with Newton's step to first order (so converges as fast near the root) and is right far from it in both
 * regimes, c ≈ c(0) and c ∝ μ⁻², where Newton's step in log μ from the values' scale landed 30 % off. From the
 * unconstrained solution (μ₁ = 0) it is the first probe. NaN when the slope is unknown or the model has no positive root.
 */
export function smallStepModel(mu: number, value: number, slope: number, target: number): number {
  if (!(slope < 0 && Number.isFinite(slope) && value > 0 && Number.isFinite(value) && target > 0)) return NaN;
  const next = mu + ((-2 * value) / slope) * (Math.sqrt(value / target) - 1);
  return Number.isFinite(next) && next > 0 ? next : NaN;
}
