import { squaredTvDrift } from '../drifts/squaredTvDrift.js';
import {
  absorbResidual,
  dualBound,
  excessAt,
  leaveSolve,
  newtonDelta,
  perActionRows,
  predictedStart,
  rowOf,
  type Rows,
} from './quadraticRootStateSolver.js';
import { stateObjective, type StateProblem, type StateSolution } from './stateProblem.js';

/**
 * Squared TV beside the per-action kinds (squared L2, TV, KL(π‖·)) in one joint Newton iteration — TV² in a KL ball,
 * the slowest update of Figure 3 (Kuba et al. 2022, Section 7; Definition 3 with the ball's multiplier as a KL term):
 *   maximise φ(p) = ⟨p, g⟩ − c‖p − π‖² − k₀·TV(p) − m·KL(π‖p) − a·TV(p)²,   TV(p) = ½‖p − π‖₁.
 * By the κ-decomposition (quadraticStateSolver), p is the per-action solver's x(δ; k₀ + κ) with κ = 2a·TV(p), so (δ, κ)
 * solve F = Σ_a x_a − 1 = 0 and G = TV(x) − κ/(2a) = 0. With d_a = ∂x_a/∂δ and σ_a = sign(x_a − π_a) for the actions
 * that move (d_a = 0 on the kink and at the bounds), ∂x_a/∂κ = σ_a·d_a/2; so with D = Σ d_a ≤ 0 and E = Σ σ_a d_a,
 *   J = [[D, E/2], [E/2, D/4 − 1/(2a)]],   det J = (D² − E²)/4 − D/(2a) > 0 wherever D < 0.
 * Newton from (δ(κ = 0), 0) with backtracking on F² + G²: ~6 evaluations of x where the κ-search solves ~5 inner
 * problems of ~7 evaluations each.
 *
 * Certificate, the κ-decomposition's weak duality at the final κ: φ* ≤ κ²/(4a) + the inner problem's dual bound at δ.
 * Returns the row with that bound (NaN for a `draft`, whose solution is reused by the next draft; with `slope`,
 * d KL(π‖x)/dm there: klSlopeOfRows), or null —
 * the κ-search then takes the problem — when a term is of another kind, an action's problem is not strictly concave,
 * TV² is inactive at κ = 0, or the iteration does not settle. The problem's squared-TV terms are skipped (their
 * weight is a), so that the whole problem serves: no filtered copy per state and probe. `given`: the problem's
 * `perActionRows(problem, true)`, fresh (the caller's, read once for the faint-barrier check too).
 */
export function tvSquaredJointSolve(
  problem: StateProblem,
  a: number,
  warm?: NonNullable<StateProblem['warm']>,
  draft = false,
  slope?: { klSlope: number },
  given?: Rows,
): JointSolution | null {
  if (!(a > 0 && Number.isFinite(a))) return null;
  const rows = given ?? perActionRows(problem, true);
  if (rows === null) return null;
  const { pi, mp, c, anchor, top } = rows;
  const A = pi.length;
  if (c === 0) for (let i = 0; i < A; i++) if (!(mp[i] > 0)) return null;
  const k0 = rows.k;
  const e = scratchE; // F, G, E at the last evaluation
  let delta: number;
  let kappa: number;
  if (warm !== undefined) {
    // From the state's (δ, κ) at the last multiplier probe, moved to this m to first order where it left d(δ, κ)/dm:
    // the caller searches again cold if this does not certify.
    delta = predictedStart(warm, rows.m, 0);
    kappa = Math.max(0, predictedStart(warm, rows.m, 1));
    evaluate(rows, delta, kappa, k0, a, e);
  } else {
    const start = newtonDelta(rows, top);
    if (start === null) return null;
    delta = start;
    kappa = 0;
    evaluate(rows, delta, kappa, k0, a, e);
    if (!(e[1] > 0)) return null; // TV(x(0)) = 0: nothing for TV² to hold back
  }
  // Newton converges in a few steps where the pieces are smooth; near-linear pieces (a barrier m·π_a far below the
  // rewards' scale) make x nearly a step in (δ, κ) and the iteration crawl: past 40 evaluations the κ-search is cheaper.
  // F and G are sums of A terms of size ≤ 1: below a few ulps each per action they are rounding, and a full step that
  // does not lower F² + G² there is not backtracked (halving it ten times was ~9 of a warm solve's ~12 evaluations).
  // The full steps are still taken: where actions sit on their TV kinks F is flat in δ, and the step G drives through
  // E moves δ to where the dual bound is tight (stopping at the floor instead left gaps of 1e-10); only a step of a few
  // ulps ends the iteration there.
  const floor = 4 * A * Number.EPSILON;
  let evaluations = 0;
  for (let it = 0; it < 40 && evaluations < 40; it++) {
    const F = e[0];
    const G = e[1];
    const E = e[2];
    const merit = F * F + G * G;
    if (merit === 0) break;
    const settled = Math.abs(F) <= floor && Math.abs(G) <= floor;
    const D = rows.derivative;
    const j12 = E / 2;
    const j22 = D / 4 - 1 / (2 * a);
    const det = D * j22 - j12 * j12;
    if (!(det > 0)) return null;
    const stepDelta = (-F * j22 + G * j12) / det;
    const stepKappa = (-G * D + F * j12) / det;
    // Settled, and the step moves (δ, κ) by a few ulps of their size: it can only chase rounding.
    const ulps = 4 * Number.EPSILON * (Math.abs(delta) + kappa);
    if (settled && Math.abs(stepDelta) <= ulps && Math.abs(stepKappa) <= ulps) break;
    let t = 1;
    let accepted = false;
    for (let b = 0; b < (settled ? 1 : 10) && evaluations < 40; b++) {
      const nextDelta = delta + t * stepDelta;
      const nextKappa = Math.max(0, kappa + t * stepKappa);
      evaluate(rows, nextDelta, nextKappa, k0, a, e);
      evaluations += 1;
      if (e[0] * e[0] + e[1] * e[1] < merit) {
        delta = nextDelta;
        kappa = nextKappa;
        accepted = true;
        break;
      }
      t /= 2;
    }
    if (!accepted) break; // no step lowers F² + G²: rounding level
  }
  if (rows.at !== delta || rows.k !== k0 + kappa) evaluate(rows, delta, kappa, k0, a, e);
  if (!(Math.abs(e[0]) <= 1e-12 && Math.abs(e[1]) <= 1e-12)) return null;
  // A draft's row is read once by its caller before the next probe: one per number of actions, refilled (two
  // allocations per state and probe were ~3 % of TV² in a KL ball at S = 200, and their collections as much).
  const solved = draft
    ? draftJoint(A, delta, kappa, rows.m)
    : { p: new Float64Array(A), bound: NaN, delta, kappa, m: rows.m, dDelta: 0, dKappa: 0 };
  leaveSolve(rows, a, e[2], delta, kappa, solved, slope);
  absorbResidual(rows, e[0]);
  if (!rowOf(rows, solved.p)) return null;
  // A draft (a multiplier probe that only steers) leaves the bound out: NaN.
  if (!draft) solved.bound = (kappa * kappa) / (4 * a) + dualBound(delta, anchor, rows);
  return solved;
}

/**
 * The joint iteration's row with its bound (NaN for a draft), its (δ, κ), and the KL coefficient m with d(δ, κ)/dm
 * there: what the state's next solve starts from (`leaveSolve`).
 */
export interface JointSolution {
  p: Float64Array;
  bound: number;
  delta: number;
  kappa: number;
  m: number;
  dDelta: number;
  dKappa: number;
}

const scratchE = new Float64Array(3);

let scratchJoint: JointSolution | null = null;

/** The draft's solution at (δ, κ, m), kept between calls for A actions. */
function draftJoint(A: number, delta: number, kappa: number, m: number): JointSolution {
  if (scratchJoint === null || scratchJoint.p.length !== A) {
    scratchJoint = { p: new Float64Array(A), bound: NaN, delta, kappa, m, dDelta: 0, dKappa: 0 };
  }
  const solved = scratchJoint;
  solved.bound = NaN;
  solved.delta = delta;
  solved.kappa = kappa;
  solved.m = m;
  solved.dDelta = 0;
  solved.dKappa = 0;
  return solved;
}

/** x(δ; k₀ + κ) into `rows`, and out = [F, G, E]: Σx − 1, TV(x) − κ/(2a), Σ σ_a·∂x_a/∂δ. */
function evaluate(rows: Rows, delta: number, kappa: number, k0: number, a: number, out: Float64Array): void {
  rows.k = k0 + kappa;
  out[0] = excessAt(delta, rows);
  const { x, dx, pi } = rows;
  let tv = 0;
  let e = 0;
  for (let i = 0; i < x.length; i++) {
    const dev = x[i] - pi[i];
    tv += Math.abs(dev);
    if (dx[i] !== 0) e += dev > 0 ? dx[i] : dev < 0 ? -dx[i] : 0;
  }
  out[1] = tv / 2 - kappa / (2 * a);
  out[2] = e;
}

/**
 * TV² beside a faint KL barrier, m·KL(π‖p) with m far below the rewards' scale — a KL ball's multiplier probed near
 * μ ~ 1e-15 once the ball is far from active. x(δ, κ) is then nearly a step and every iteration crawls (one such state
 * took 74 inner solves, 58 ms, in Figure 3's single-step game). Since KL ≥ 0, φ ≤ ⟨p, g⟩ − a·TV(p)², whose maximum the
 * TV² closed form gives exactly: that is the bound. The row is that maximiser with every action of π kept at mπ_a at
 * least (KL finite), taken from the largest entry; certified when the bound exceeds its φ by at most 1e-13 of the scale
 * (m·KL(π‖p) ≈ m·log(1/m) for such a row). Null when the terms are of another kind, m is not faint, or the gap is larger.
 * `rows`: the problem's `perActionRows(problem, true)`, where the caller has them (m and max |g| are read there).
 */
export function tvSquaredFaintBarrier(
  problem: StateProblem,
  a: number,
  rows = perActionRows(problem, true),
): StateSolution | null {
  const { g, pi, ctx } = problem;
  const A = g.length;
  // The per-action terms (TV² itself left out: its weight is a) must be KL alone: no L2 or TV weight.
  if (rows === null || rows.c !== 0 || rows.k !== 0) return null;
  const { m, magnitude: top } = rows;
  // Faint: the certificate below decides (m·KL(π‖p) ≈ m·log(1/m) per unit of floored mass must fit its threshold:
  // m ~ 1e-15 always does, 1e-9 only when little mass is floored); this only skips barriers of ordinary weight.
  if (!(m > 0 && m <= 1e-9 * (1 + a + top) && a > 0 && Number.isFinite(a + top))) return null;
  const p = new Float64Array(A);
  squaredTvDrift.maximize(g, a, pi, ctx, p);
  let linear = 0;
  for (let i = 0; i < A; i++) linear += p[i] * g[i];
  // φ* ≤ max ⟨p, g⟩ − a·TV², the closed form's value up to its rounding (a few ulps of each part).
  const tv2 = a * squaredTvDrift.value(p, pi, ctx);
  const bound = linear - tv2 + 8 * Number.EPSILON * (top + tv2);
  let largest = 0;
  for (let i = 1; i < A; i++) if (p[i] > p[largest]) largest = i;
  let added = 0;
  for (let i = 0; i < A; i++) {
    if (i === largest || !(pi[i] > 0)) continue;
    const floor = Math.max(Number.MIN_VALUE, m * pi[i]);
    if (p[i] < floor) {
      added += floor - p[i];
      p[i] = floor;
    }
  }
  p[largest] -= added;
  if (!(p[largest] > 0)) return null;
  const value = stateObjective(problem, p);
  const gap = bound - value;
  if (!(gap <= 1e-13 * (1 + Math.abs(value) + a + m + top))) return null;
  return { p, value, gap: Math.max(0, gap), method: 'separable' };
}
