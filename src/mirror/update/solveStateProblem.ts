import type { BaseDrift, Drift } from '../drifts/drift.js';
import { totalVariationDistance } from '../drifts/totalVariationDistance.js';
import { zeroDrift } from '../drifts/zeroDrift.js';
import { greedy } from '../simplex/greedy.js';
import { genericStateSolve } from './genericStateSolver.js';
import { isConvexSeparable, quadraticRootDraft } from './quadraticRootStateSolver.js';
import { quadraticStateSolve, tvSquaredDraft } from './quadraticStateSolver.js';
import { separableStateSolve } from './separableStateSolver.js';
import {
  assessAgainstStaying,
  stateObjective,
  type PenaltyTerm,
  type StateProblem,
  type StateSolution,
} from './stateProblem.js';

/**
 * Solves a per-state problem, exactly where the structure allows: greedy when no term has weight; the family's closed
 * form when every weighted term is a positive multiple of one base drift; the separable KKT solver when every term is
 * convex and separable; the κ-decomposition when one term is a squared separable (TV²) and the rest separable; the
 * generic solver otherwise.
 */
export function solveStateProblem(problem: StateProblem, slope?: { klSlope: number }): StateSolution {
  if (slope) slope.klSlope = NaN;
  const raw = solveStateProblemRaw(problem, slope);
  const sol = normalised(problem, raw);
  // d KL(π‖x)/dm belongs to the solver's row: not to a row renormalised or replaced by π.
  if (slope && sol.p !== raw.p) slope.klSlope = NaN;
  return sol;
}

/**
 * The solution with its row renormalised to sum to 1 (root-finding solvers return rows whose sum is off by up to their
 * tolerance, ~1e-14 — enough for exact evaluation to find V_π > V* on a 1-state MDP); the gap grows by any value lost.
 * A row that loses against π itself (φ(π) − φ(p) > 0, computed from differences) is replaced by π: a solver's own bound
 * is computed in floating point and can miss a loss of that size — a row returned one ulp off π costs c·ulp² of drift
 * that no dual bound sees (Hellinger near convergence: Inequality (8) once failed by 1e-30 with a certified gap of 0).
 */
function normalised(problem: StateProblem, sol: StateSolution): StateSolution {
  const A = sol.p.length;
  let total = 0;
  for (let a = 0; a < A; a++) total += sol.p[a];
  let out = sol;
  // New solutions as plain literals of the solvers' shape, not spreads: a spread that adds a part its source lacks
  // took V8's slow path (KL in its drift ball, every eighth state renormalised: 20 % slower).
  if (total !== 1 && total > 0) {
    const p = new Float64Array(A);
    for (let a = 0; a < A; a++) p[a] = sol.p[a] / total;
    const value = stateObjective(problem, p);
    const before = Number.isNaN(sol.value) ? stateObjective(problem, sol.p) : sol.value;
    out = { p, value, gap: sol.gap + Math.max(0, before - value), method: sol.method };
  }
  // A row worse than staying is never the answer: π is feasible (and has zero divergence for every ball's multiplier
  // term), so it is returned instead, and the solver's gap, a bound on φ* − φ(p) > φ* − φ(π), still certifies it.
  // φ(p) comes out of the same pass for a closed form, which leaves it NaN (each D_k(p) is computed once).
  // The solver's own assessment where it made one of this very row (its certificate needed φ(p)).
  let loss: number;
  let value: number;
  if (out === sol && sol.loss !== undefined) {
    loss = sol.loss;
    value = sol.value;
  } else {
    const assessed = assessAgainstStaying(problem, out.p);
    loss = assessed.loss;
    value = assessed.value;
  }
  if (loss > 0) {
    return {
      p: Float64Array.from(problem.pi),
      value: stateObjective(problem, problem.pi),
      gap: out.gap,
      method: out.method,
    };
  }
  if (Number.isNaN(out.value)) out.value = value;
  return out;
}

/**
 * φ(π) − φ(p), as Σ_a (π_a − p_a)·(g_a − max g) + Σ_k coef_k·(D_k(p) − D_k(π)): differences first, so that rows equal to π up
 * to rounding give their true (tiny) loss rather than the rounding of ⟨p, g⟩. 0 when a term is not finite.
 */
export function lossAgainstStaying(problem: StateProblem, p: Float64Array): number {
  return assessAgainstStaying(problem, p).loss;
}

/**
 * The row a multiplier probe that only steers the search needs (no certificate, no check against staying), where the
 * full solve would take the per-action roots or TV²'s joint iteration: their row, and the state's multipliers left in
 * `problem.warm` for its certified solve (and d KL(π‖x)/dm in `slope` where the solver has it: klSlopeOfRows, else
 * NaN). Null otherwise (the caller solves in full): every term must be live, of two families or more, separable but
 * for TV² terms. The row is the drafts' own, overwritten by the next draft: copy it out before.
 */
export function draftStateRow(problem: StateProblem, slope?: { klSlope: number }): Float64Array | null {
  if (slope) slope.klSlope = NaN;
  const { terms } = problem;
  if (terms.length < 2 || liveFamily(terms) !== undefined) return null;
  let a = 0;
  for (const t of terms) {
    if (!isLive(t)) return null;
    if (convexSeparable(t)) continue;
    const squared = t.drift.quadratic;
    if (squared?.inner !== totalVariationDistance) return null;
    a += t.coef * squared.scale(problem.ctx);
  }
  if (a === 0) return quadraticRootDraft(problem, slope);
  return a > 0 ? tvSquaredDraft(problem, a, slope) : null;
}

function solveStateProblemRaw(problem: StateProblem, slope?: { klSlope: number }): StateSolution {
  // The live terms (positive weight, not the zero drift) read in place: the closed form needs no copy (a ball's probe at
  // μ = 0 has a dead term in every state). One pass finds them and the base drift they all share (liveFamily's).
  let allLive = true;
  let anyLive = false;
  let base: BaseDrift | undefined;
  for (const t of problem.terms) {
    if (!isLive(t)) {
      allLive = false;
      continue;
    }
    const family = t.drift.family?.base;
    if (!anyLive) base = family;
    else if (family !== base) base = undefined;
    anyLive = true;
  }
  if (!anyLive) {
    const p = new Float64Array(problem.g.length);
    greedy(problem.g, p, problem.pi);
    return { p, value: NaN, gap: 0, method: 'greedy' };
  }
  if (base) {
    let c = 0;
    for (const t of problem.terms) if (isLive(t)) c += t.coef * t.drift.family!.scale(problem.ctx);
    const p = new Float64Array(problem.g.length);
    if (c === 0) greedy(problem.g, p, problem.pi);
    else base.maximize(problem.g, c, problem.pi, problem.ctx, p);
    // φ(p) is left to `normalised`, which computes it in the same pass as the loss against staying.
    return { p, value: NaN, gap: 0, method: c === 0 ? 'greedy' : 'closed-form' };
  }
  // The problem itself when every term is live (the common case: no copy).
  const live = allLive ? problem.terms : problem.terms.filter(isLive);
  const liveProblem = allLive ? problem : { ...problem, terms: live };
  // Convex-separable terms, and the rest squares of one inner function (its weight a): one pass, no filtered copies.
  let inner: Drift | undefined;
  let shared = true;
  let a = 0;
  for (const t of live) {
    if (convexSeparable(t)) continue;
    const squared = t.drift.quadratic;
    if (squared === undefined || (inner !== undefined && squared.inner !== inner)) {
      shared = false;
      break;
    }
    inner = squared.inner;
    a += t.coef * squared.scale(problem.ctx);
  }
  if (inner === undefined && shared) return separableStateSolve(liveProblem, slope);
  if (shared && a > 0) return quadraticStateSolve(liveProblem, a, inner!, slope);
  return genericStateSolve(liveProblem);
}

/** The base drift every live term is a multiple of (the closed form's family), or undefined (none live, or mixed). */
function liveFamily(terms: readonly PenaltyTerm[]): BaseDrift | undefined {
  let base: BaseDrift | undefined;
  let first = true;
  for (const t of terms) {
    if (!isLive(t)) continue;
    const family = t.drift.family?.base;
    if (first) base = family;
    else if (family !== base) return undefined;
    first = false;
  }
  return base;
}

function convexSeparable(t: PenaltyTerm): boolean {
  return isConvexSeparable(t.drift);
}

function isLive(t: PenaltyTerm): boolean {
  return t.coef > 0 && t.drift.family?.base !== zeroDrift;
}
