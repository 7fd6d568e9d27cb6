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
 * x(μ) = argmax f(x) − μ·c(x) is feasible — μ = 0 if the unconstrained maximiser is, else by doubling and then
 * bisection (c(x(μ)) is nonincreasing in μ) — and returns the feasible x(μ_hi).
 *
 * Certificate by weak duality, which needs no convexity: for any μ ≥ 0, OPT ≤ max_x f − μ(c − δ), so for the feasible
 * x(μ) solved to within ε, OPT − f(x(μ)) ≤ μ·(δ − c(x(μ))) + ε. Bisection stops when that bound is below `tolerance`
 * or μ is pinned to adjacent doubles (a jump in c(x(μ)), possible for non-strictly-convex c, leaves the bound honest).
 */
export function dualBisection<T extends Gapped>(
  solve: (mu: number) => T,
  constraintOf: (solution: T) => number,
  radius: number,
  tolerance: number,
  initialMultiplier = 1,
): DualResult<T> {
  const free = solve(0);
  const freeValue = constraintOf(free);
  if (freeValue <= radius) return { solution: free, multiplier: 0, constraint: freeValue, gap: free.gap };
  let lo = 0;
  let hi = Math.max(initialMultiplier, Number.MIN_VALUE);
  let best = solve(hi);
  let bestValue = constraintOf(best);
  for (let i = 0; i < 2000 && !(bestValue <= radius); i++) {
    lo = hi;
    hi *= 4;
    best = solve(hi);
    bestValue = constraintOf(best);
    if (hi === Infinity) throw new Error('dualBisection: no finite multiplier makes the constraint feasible');
  }
  const bound = () => hi * (radius - bestValue) + best.gap;
  for (let i = 0; i < 200 && bound() > tolerance; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    const trial = solve(mid);
    const value = constraintOf(trial);
    if (value <= radius) {
      hi = mid;
      best = trial;
      bestValue = value;
    } else lo = mid;
  }
  return { solution: best, multiplier: hi, constraint: bestValue, gap: bound() };
}
