import { bracketRoot } from '../simplex/bracketRoot.js';
import { totalVariationDistance } from '../drifts/totalVariationDistance.js';
import { isConvexSeparable, perActionRows } from './quadraticRootStateSolver.js';
import { separableStateSolve } from './separableStateSolver.js';
import { assessAgainstStaying, stateObjective } from './stateProblem.js';
import type { PenaltyTerm, StateProblem, StateSolution } from './stateProblem.js';
import { tvSquaredFaintBarrier, tvSquaredJointSolve, type JointSolution } from './tvSquaredStateSolver.js';

/**
 * Exact solver for separable convex terms plus one term a·h(p)² with h separable, convex and nonnegative (squared TV,
 * h = ½‖p − π‖₁), by the Fenchel identity −a·t² = min_{κ≥0} [κ²/(4a) − κt]:
 *   max_p φ(p) = min_{κ≥0} ψ(κ),  ψ(κ) = κ²/(4a) + max_p [⟨p,g⟩ − Σ_sep − κ·h(p)]   (a separable problem for each κ),
 * with ψ convex and ψ′(κ) = κ/(2a) − h(p_κ); κ* is found by bracketRoot. Certificate: φ* ≤ ψ(κ) for every κ ≥ 0
 * (weak duality), so gap = min over evaluated κ of [ψ(κ) + inner gap] − φ(p). Squared TV beside squared L2, TV and KL
 * terms is tried first by one joint Newton iteration in (δ, κ) (tvSquaredStateSolver); this search takes what it
 * leaves. The problem's weighted terms are convex-separable or squares of `inner`, the squares' weights (each
 * coef·scale) summing to a, every term live (solveStateProblemRaw's live problem).
 */
export function quadraticStateSolve(
  problem: StateProblem,
  a: number,
  inner: PenaltyTerm['drift'],
  slope?: { klSlope: number },
): StateSolution {
  const { pi, ctx } = problem;
  if (slope) slope.klSlope = NaN;
  const A = problem.g.length;
  // TV² beside squared L2, TV and KL terms: one joint Newton iteration in (δ, κ), certified by the same weak duality;
  // beside a faint KL barrier alone, the TV² closed form kept inside supp π, certified by dropping the barrier.
  // The per-action rows, read once by both (null: neither applies).
  const rows = inner === totalVariationDistance ? perActionRows(problem, true) : null;
  if (rows !== null) {
    const faint = tvSquaredFaintBarrier(problem, a, rows);
    if (faint !== null) return faint;
    // From the state's (δ, κ) at the last multiplier probe when there is one, else cold; a warm answer that does not
    // certify is searched again cold.
    const warm = problem.warm;
    const warmStart = jointWarmStart(warm);
    // (A failed attempt leaves the rows moved: the cold one reads them afresh.)
    let joint = certifiedJoint(problem, a, tvSquaredJointSolve(problem, a, warmStart, false, slope, rows));
    if (joint === null && warmStart) {
      joint = certifiedJoint(problem, a, tvSquaredJointSolve(problem, a, undefined, false, slope));
    }
    if (joint !== null) {
      if (warm) keepJoint(warm, joint.joint);
      return joint.solution;
    }
    if (slope) slope.klSlope = NaN; // a solve that did not certify may have left its own
  }
  // The separable part, for the κ-search (every weighted term is either convex-separable or of the squared kind).
  const separable = problem.terms.filter((t) => isConvexSeparable(t.drift));
  let best: StateSolution | null = null;
  let dualBound = Infinity;
  const consider = (p: Float64Array) => {
    const value = stateObjective(problem, p);
    if (!best || value > best.value) best = { p, value, gap: 0, method: 'separable' };
  };
  // Every κ solved, by κ: the bracket's ends are asked for again once the root is found.
  const solved = new Map<number, StateSolution>();
  const solveAt = (kappa: number) => {
    const known = solved.get(kappa);
    if (known) return known;
    // Not the state's own problem: no warm start (a δ from another κ, or from another probe, sent the per-action
    // solver to its cold search twice as often: 2× its evaluations in Figure 3's GridWorld TV²-in-KL-ball run).
    const sol = separableStateSolve({
      g: problem.g,
      pi,
      ctx,
      terms: kappa > 0 ? [...separable, { drift: inner, coef: kappa }] : separable,
    });
    dualBound = Math.min(dualBound, (kappa * kappa) / (4 * a) + sol.value + sol.gap);
    consider(sol.p);
    solved.set(kappa, sol);
    return sol;
  };
  const certified = () => {
    const current = best as StateSolution | null;
    return current !== null && dualBound - current.value <= 1e-13 * (1 + Math.abs(current.value));
  };
  const residual = (kappa: number) => inner.value(solveAt(kappa).p, pi, ctx) - kappa / (2 * a);
  const r0 = residual(0);
  if (r0 > 0) {
    // κ = 2a·h(p_0) brackets the root from above, and closely: h(p_κ) falls as κ grows, so r(κ) ≤ h(p_0) − κ/(2a) = 0
    // there. Where rounding breaks that monotonicity, the wide bracket of before: 4a·max(1, r0).
    let hi = 2 * a * r0;
    let rHi = residual(hi);
    if (!(rHi <= 0)) {
      hi = 4 * a * Math.max(1, r0);
      rHi = residual(hi);
    }
    const root = bracketRoot(residual, 0, hi, certified, r0, rHi);
    // At a jump of h(p_κ) the optimum lies on the segment between the two sides' solutions, where φ is concave. Where
    // p_κ is continuous (a strictly convex separable part, e.g. a KL ball) both sides already meet the dual bound.
    const pLo = solveAt(root.lo).p;
    const pHi = solveAt(root.hi).p;
    if (!certified()) {
      const mix = (theta: number, out = new Float64Array(A)) => {
        for (let i = 0; i < A; i++) out[i] = (1 - theta) * pLo[i] + theta * pHi[i];
        return out;
      };
      const buffer = new Float64Array(A);
      const phi = (theta: number) => stateObjective(problem, mix(theta, buffer));
      let lo = 0;
      let hi = 1;
      for (let i = 0; i < 100 && hi - lo > 1e-16; i++) {
        const m1 = lo + (hi - lo) * 0.381966;
        const m2 = hi - (hi - lo) * 0.381966;
        if (phi(m1) >= phi(m2)) hi = m2;
        else lo = m1;
      }
      consider(mix(lo));
      consider(mix(hi));
    }
  }
  const sol = best as unknown as StateSolution;
  const gap = dualBound - sol.value;
  return { ...sol, gap: Number.isFinite(gap) ? Math.max(0, gap) : Infinity };
}

/**
 * The row quadraticStateSolve's first paths find for TV² beside separable per-action terms, without the certificate: a
 * draft for the multiplier probes that only steer (the faint-barrier closed form, else the joint Newton iteration from
 * the state's (δ, κ), left in `problem.warm`). Null where neither applies (the caller solves in full).
 */
export function tvSquaredDraft(problem: StateProblem, a: number, slope?: { klSlope: number }): Float64Array | null {
  const rows = perActionRows(problem, true);
  if (rows === null) return null; // neither the faint barrier nor the joint iteration applies
  const faint = tvSquaredFaintBarrier(problem, a, rows);
  if (faint !== null) return faint.p;
  const warm = problem.warm;
  const warmStart = jointWarmStart(warm);
  // (A failed attempt leaves the rows moved: the cold one reads them afresh.)
  let joint = tvSquaredJointSolve(problem, a, warmStart, true, slope, rows);
  if (joint === null && warmStart) joint = tvSquaredJointSolve(problem, a, undefined, true, slope);
  if (joint === null) return null;
  if (warm) keepJoint(warm, joint);
  return joint.p;
}

/** The state's last solve, when it left both δ and κ (else the joint iteration starts cold). */
function jointWarmStart(warm: StateProblem['warm']): StateProblem['warm'] {
  return warm && Number.isFinite(warm.delta) && Number.isFinite(warm.kappa) ? warm : undefined;
}

/** The joint solve's (δ, κ), m and d(δ, κ)/dm into the state's `warm`, for its next solve. */
function keepJoint(warm: NonNullable<StateProblem['warm']>, joint: JointSolution): void {
  warm.delta = joint.delta;
  warm.kappa = joint.kappa;
  warm.m = joint.m;
  warm.dDelta = joint.dDelta;
  warm.dKappa = joint.dKappa;
}

/**
 * The joint solver's row as a solution, when certified to 1e-13 of the problem's scale (its rewards and coefficients,
 * as the per-action solver's threshold: the bound's own rounding allowances grow with them); null otherwise.
 */
function certifiedJoint(
  problem: StateProblem,
  a: number,
  joint: JointSolution | null,
): { solution: StateSolution; joint: JointSolution } | null {
  if (joint === null) return null;
  // φ(p) with the loss against staying, in one pass (the caller's check against staying reads it: each D_k(p) once).
  const { value, loss } = assessAgainstStaying(problem, joint.p);
  const gap = joint.bound - value;
  let scale = 1 + Math.abs(value) + a;
  for (const t of problem.terms) scale += t.coef;
  for (let i = 0; i < problem.g.length; i++) scale = Math.max(scale, Math.abs(problem.g[i]));
  if (!(gap <= 1e-13 * scale)) return null;
  return {
    solution: { p: joint.p, value, gap: Math.max(0, gap), method: 'separable', loss },
    joint,
  };
}
