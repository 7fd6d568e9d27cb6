import type { Drift } from '../drifts/drift.js';
import { dualBisection } from './dualBisection.js';
import { stateObjective, type StateProblem, type StateSolution } from './stateProblem.js';
import { solveStateProblem } from './solveStateProblem.js';

/** A per-state constraint div(π̄_s ‖ π_s) ≤ radius with a resolved divergence. */
export interface ResolvedStateBall {
  readonly divergence: Drift;
  readonly radius: number;
}

/** A per-state solution under balls, with the multiplier of the first ball (its supergradient in the radius). */
export interface ConstrainedStateSolution extends StateSolution {
  multiplier: number;
}

/**
 * The per-state problem restricted to balls: maximise φ(p) s.t. div_k(p) ≤ δ_k for each ball, one Lagrange multiplier
 * per ball (nested dual bisections, innermost first). The gap adds each level's weak-duality bound.
 */
export function solveStateWithBalls(
  problem: StateProblem,
  balls: readonly ResolvedStateBall[],
  tolerance: number,
): ConstrainedStateSolution {
  if (balls.length === 0) {
    // The solution object itself, given its multiplier (no copy: this is every state of every dual step).
    const sol = solveStateProblem(problem) as ConstrainedStateSolution;
    sol.multiplier = 0;
    return sol;
  }
  const [ball, ...rest] = balls;
  if (!(ball.radius > 0)) {
    // A ball of radius 0 of a positive divergence is {π}: nothing else is feasible (no finite multiplier exists).
    const p = Float64Array.from(problem.pi);
    return { p, value: stateObjective(problem, p), gap: 0, method: 'pinned', multiplier: Infinity };
  }
  const result = dualBisection(
    (mu) =>
      solveStateWithBalls(
        { ...problem, terms: [...problem.terms, { drift: ball.divergence, coef: mu }] },
        rest,
        tolerance / 4,
      ),
    (sol) => ball.divergence.value(sol.p, problem.pi, problem.ctx),
    ball.radius,
    tolerance,
    Math.max(1e-3, ...Array.from(problem.g, Math.abs)),
    stateSegment(problem, concave(problem, ball)),
  );
  if (!result) {
    // No finite multiplier reached the ball numerically: π itself is feasible (div = 0), its optimality uncertified.
    const p = Float64Array.from(problem.pi);
    return { p, value: stateObjective(problem, p), gap: Infinity, method: 'pinned', multiplier: Infinity };
  }
  const p = result.solution.p;
  return {
    p,
    value: stateObjective(problem, p),
    gap: result.gap,
    method: result.solution.method,
    multiplier: result.multiplier,
  };
}

/** φ concave and the ball convex: all terms and the divergence are convex drifts. */
function concave(problem: StateProblem, ball: ResolvedStateBall): boolean {
  return Boolean(ball.divergence.convex) && problem.terms.every((t) => t.coef === 0 || t.drift.convex);
}

/** Segment search between per-state solutions, scored by the problem's own objective. */
function stateSegment(problem: StateProblem, isConcave: boolean) {
  return {
    mix: (
      from: ConstrainedStateSolution,
      toward: ConstrainedStateSolution,
      theta: number,
    ): ConstrainedStateSolution => {
      const p = Float64Array.from(from.p, (x, a) => (1 - theta) * x + theta * toward.p[a]);
      return { p, value: stateObjective(problem, p), gap: from.gap, method: from.method, multiplier: from.multiplier };
    },
    objective: (sol: ConstrainedStateSolution) => stateObjective(problem, sol.p),
    concave: isConcave,
  };
}
