import { bracketRoot } from '../simplex/bracketRoot.js';

/** A relaxed solution with its own certified optimality gap (Infinity when uncertified). */
export interface Gapped {
  gap: number;
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
 * x(μ) = argmax f(x) − μ·c(x) is feasible — μ = 0 if the unconstrained maximiser is, else by expanding a bracket ×4 and
 * then safeguarded false position on c(x(μ)) − δ, which is nonincreasing in μ — and returns the feasible x(μ) with the
 * smallest certificate.
 *
 * Certificate by weak duality, which needs no convexity: for any μ ≥ 0, OPT ≤ max_x f − μ(c − δ), so for the feasible
 * x(μ) solved to within ε, OPT − f(x(μ)) ≤ μ·(δ − c(x(μ))) + ε. The search stops when that bound is below `tolerance`
 * or μ is pinned to adjacent doubles (a jump in c(x(μ)), possible for non-strictly-convex c, leaves the bound honest).
 * Returns null when no finite multiplier makes x(μ) feasible (a radius 0, or a constraint whose relaxed maximisers
 * never reach it numerically): the caller falls back to π itself, which is feasible, with an uncertified gap.
 */
export function dualBisection<T extends Gapped>(
  solve: (mu: number) => T,
  constraintOf: (solution: T) => number,
  radius: number,
  tolerance: number,
  initialMultiplier = 1,
  segment?: SegmentSearch<T>,
): DualResult<T> | null {
  const free = solve(0);
  const freeValue = constraintOf(free);
  if (freeValue <= radius) return { solution: free, multiplier: 0, constraint: freeValue, gap: free.gap };
  let best: DualResult<T> | null = null;
  let infeasible: { solution: T; mu: number; constraint: number } = { solution: free, mu: 0, constraint: freeValue };
  const f = (mu: number) => {
    const solution = solve(mu);
    const constraint = constraintOf(solution);
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
  let lo = 0;
  let flo = freeValue - radius;
  let hi = Math.max(initialMultiplier, Number.MIN_VALUE);
  let fhi = f(hi);
  for (let i = 0; i < 2000 && fhi > 0; i++) {
    lo = hi;
    flo = fhi;
    hi *= 4;
    if (hi === Infinity) return null;
    fhi = f(hi);
  }
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
  bracketRoot(f, lo, hi, done, flo, fhi);
  const found = best as unknown as DualResult<T> | null;
  if (!found) return null; // no feasible x(μ) was ever seen (e.g. a constraint that evaluates to NaN)
  if (!segment || found.gap <= tolerance) return found;
  return segmentSearch(found, infeasible, constraintOf, radius, segment) ?? found;
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
 * Moves from x_hi toward x_lo as far as the constraint allows (c convex along the segment: bisection on θ). Certificate,
 * from weak duality at μ_hi and concavity of L(·, μ_hi) = f − μ_hi·(c − δ):
 *   OPT − f(x_θ) ≤ (1 − θ)·max(0, L(x_hi) − L(x_lo)) + ε_hi + μ_hi·(δ − c(x_θ)).
 */
function segmentSearch<T extends Gapped>(
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
  const gap = (1 - a) * spread + hi.gap + mu * (radius - bestC);
  return gap < found.gap ? { solution: bestMix, multiplier: mu, constraint: bestC, gap } : null;
}
