import type { Drift, DriftContext } from '../mirror/drifts/drift.js';
import type { PolicyEvaluation } from '../policy/evaluatePolicy.js';
import { derivativeVerdict } from './definition1.js';
import { scanToward } from './directionalDerivative.js';
import { objectiveResolution, rowGain } from './rowGain.js';
import { compareAtLeast, withReason, worstVerdict, type Verdict } from './verdict.js';

/** What the stall test needs to know about one state that the update left unchanged. */
export interface StallState {
  readonly s: number;
  readonly drift: Drift;
  readonly ctx: DriftContext;
  /** π_old(·|s), which the update returned unchanged. */
  readonly pi: Float64Array;
  readonly evOld: PolicyEvaluation;
  /** (ν/β)(s), the penalty weight of the state's objective φ_s(p) = ⟨p, Q_s⟩ − (ν/β)(s)·D_s(p). */
  readonly weight: number;
  /** The solver's certified bound on φ*_s − φ_s(π) (`stateGap`), +∞ when uncertified. */
  readonly gap: number;
  /** Whether π_new with row s replaced by `row` lies in N(π_old). */
  feasible(row: Float64Array): boolean;
  /**
   * Whether Definition 1's zero gradient is claimed at this row (false for an interior-only drift at a boundary row):
   * only then does a stall say anything about the drift.
   */
  readonly zeroGradientClaimed: boolean;
  /**
   * Whether Definition 2 puts every small enough move of this state alone inside N(π_old): true when the update left
   * the whole policy unchanged (no budget of an expected ball is spent elsewhere) or N has no expected ball. Then a
   * state none of whose representable moves is feasible is a Definition 2 counterexample.
   */
  readonly ballContainsMoves: boolean;
  /**
   * The rounding resolution of the whole objective, in this state's units (R/β(s), R = Σ_t β(t)·resolution of φ_t at
   * π_new), where an expected ball couples the states; 0 otherwise. A coupled argmax is fixed only to R — the ball's
   * multiplier and slack are read from J's rounding — so a move of one state that gains less than R/β(s) in φ_s, by
   * spending ball slack the other states left at rounding level, is no evidence against the solver.
   */
  readonly coupledResolution?: number;
}

/** The stall test's findings at one state. */
export interface StallResult {
  readonly verdict: Verdict;
  /**
   * An upper bound on max_a A_π(s,a) that is consistent with the state being left unchanged, measured: for each action,
   * the smallest [(ν/β)·(D(π + εv) − D(π)) + gain allowance]/ε over the feasible moves tried, or α + err_A where α is
   * not certifiably positive. +∞ when no move could be tried.
   */
  readonly hiddenAdvantage: number;
}

const UPDATE_OPTIMAL =
  'φ_s(π + εv) ≤ φ_s(π) + gap_s for every feasible move of an unchanged state (the update is the argmax)';

/**
 * A stall is a counterexample (docs/verification.md, "Stalls are tested"; Kuba et al. 2022, proof of Theorem 1.4). At a
 * state the update left unchanged, for every action with a certified positive advantage α = A_π(s,a) > err_A, the
 * state's objective is evaluated at every representable move π + 2⁻ᵏ(e_a − π), k = 1 … 60:
 * - a feasible move that gains more than its certified error plus the solver's certified gap (and the rounding
 *   resolution of φ_s, `objectiveResolution`) means the update was not the argmax: an engine or solver failure,
 *   `violated`;
 * - no gain while α > 0 means D(π + εv)/ε ≥ α/(ν/β) − err for every small ε; the difference quotients are then read
 *   as in Definition 1 (`directionalDerivative`), and a nonzero or infinite derivative is a Definition 1 counterexample
 *   found by the theorem it breaks, `violated`;
 * - quotients that shrink (a valid drift, with an advantage too small for double precision to move toward) leave the
 *   state `undecided`, with the advantage such a stall can hide measured (`hiddenAdvantage`).
 * ν must not depend on π̄ (the caller does not run it for TRL's max-state ν).
 */
export function stallTest(st: StallState): StallResult {
  const { s, drift, ctx, pi, evOld, weight } = st;
  const A = pi.length;
  const errA = evOld.errorBound.advantage;
  const verdicts: Verdict[] = [];
  let hidden = 0;
  let atPi = drift.value(pi, pi, ctx);
  if (!Number.isFinite(atPi)) atPi = 0;
  const q = evOld.q.subarray(s * A, (s + 1) * A);
  const origin = { row: pi, value: atPi, noise: 0 };
  const objective: StateObjective = {
    q,
    origin,
    floor: objectiveResolution(q, weight, origin) + (st.coupledResolution ?? 0),
  };
  for (let a = 0; a < A; a++) {
    const alpha = evOld.advantage[s * A + a];
    if (!(alpha > errA)) {
      hidden = Math.max(hidden, alpha + errA);
      continue;
    }
    const toward = stallToward(st, objective, a, alpha);
    hidden = Math.max(hidden, toward.hidden);
    verdicts.push(toward.verdict);
  }
  if (verdicts.length === 0) {
    return {
      verdict: compareAtLeast('an unchanged state has no improving action', 0, 0, 0, 0, { state: s }),
      hiddenAdvantage: hidden,
    };
  }
  return { verdict: worstVerdict(verdicts), hiddenAdvantage: hidden };
}

/** The state's objective φ_s at π: Q_s, the row π with its drift value, and the rounding resolution of φ_s there. */
interface StateObjective {
  readonly q: Float64Array;
  readonly origin: { readonly row: Float64Array; readonly value: number; readonly noise: number };
  readonly floor: number;
}

/** What the moves toward one action show: the worst comparison, the advantage they can hide, and what was tried. */
interface MoveScan {
  readonly points: ReturnType<typeof scanToward>;
  readonly best: Verdict | null;
  readonly hidden: number;
  readonly feasibleMoves: number;
  readonly finiteMoves: number;
}

/** φ_s at every representable move π + 2⁻ᵏ(e_a − π) against φ_s(π): a certified gain is `violated`. */
function scanMoves(st: StallState, objective: StateObjective, a: number, alpha: number): MoveScan {
  const { s, drift, ctx, pi, evOld, weight, gap } = st;
  const errA = evOld.errorBound.advantage;
  const vertex = new Float64Array(pi.length);
  vertex[a] = 1;
  const points = scanToward(drift, pi, vertex, ctx);
  let best: Verdict | null = null;
  let hidden = Infinity;
  let feasibleMoves = 0;
  let finiteMoves = 0;
  for (const point of points) {
    const { value } = point;
    if (!Number.isFinite(value)) continue;
    // φ(x) − φ(π) from differences (the point's noise already includes the drift's noise at π).
    const at = { row: point.x, value, noise: point.noise };
    const { gain, error } = rowGain(objective.q, evOld.errorBound.q, weight, at, objective.origin);
    const penalty = weight === 0 ? 0 : weight * (value - objective.origin.value);
    finiteMoves += 1;
    if (!st.feasible(point.x)) continue;
    feasibleMoves += 1;
    const allowed = error + (Number.isFinite(gap) ? gap : 0) + objective.floor;
    const v = compareAtLeast(UPDATE_OPTIMAL, 0, 0, gain, allowed, { state: s, action: a, epsilon: point.eps });
    if (v.status === 'violated' || (best === null && v.status === 'holds')) best = v;
    if (v.status === 'violated') break;
    // No certified gain at this feasible move: the true gain is at most gap + 2·error (or 2·error uncertified),
    // hence ε·α ≤ weight·ΔD + that + the direction's distortion.
    const allowance = (Number.isFinite(gap) ? gap + error : 2 * error) + objective.floor + point.eps * errA;
    const bound = (penalty + allowance) / point.eps + point.distortion * 2 * Math.max(Math.abs(alpha), errA);
    hidden = Math.min(hidden, bound, alpha + errA);
  }
  return { points, best, hidden, feasibleMoves, finiteMoves };
}

/** The stall test toward action a (advantage α > err_A): its verdict, and the advantage it leaves possible. */
function stallToward(
  st: StallState,
  objective: StateObjective,
  a: number,
  alpha: number,
): { verdict: Verdict; hidden: number } {
  const { s, pi, evOld } = st;
  const errA = evOld.errorBound.advantage;
  const scan = scanMoves(st, objective, a, alpha);
  const { points, best } = scan;
  const unchanged = () =>
    compareAtLeast('an unchanged state has no improving action', 0, 0, alpha, errA, { state: s, action: a });
  if (best?.status === 'violated') {
    const why =
      `state ${s} is unchanged though moving ${best.where.epsilon} of the way toward action ${a} gains ` +
      `${-best.margin} beyond its error: the update is not the argmax (an engine or solver failure)`;
    return { verdict: withReason(best, why), hidden: Infinity };
  }
  if (st.zeroGradientClaimed && st.ballContainsMoves && scan.finiteMoves > 0 && scan.feasibleMoves === 0) {
    const last = points[points.length - 1];
    const deep = deepFeasibleMove(pi, a, last.eps, st.feasible);
    if (deep !== null) {
      // A ball narrower than 2⁻⁶⁰ along this direction (χ² or a KL ball at an entry like 1e-169): N(π) does
      // contain a ball, and the moves inside it change φ_s below its resolution. Nothing is decided here.
      const reason =
        `state ${s} is unchanged while A(s,${a}) = ${alpha} > 0; the feasible moves toward action ${a} are all ` +
        `below ${last.eps.toPrecision(3)} of the way (the first inside is ${deep.toPrecision(3)}): too small for φ_s to resolve`;
      return { verdict: { ...unchanged(), status: 'undecided', reason }, hidden: Infinity };
    }
    const noBall = compareAtLeast('N(π) contains a ball around π', 0, 0, 1, 0, {
      state: s,
      action: a,
      epsilon: last.eps,
    });
    const reason =
      `a stall: state ${s} is unchanged while A(s,${a}) = ${alpha} > 0, and no representable move toward action ${a}, ` +
      `down to ${last.eps.toPrecision(3)}, is in N(π) — N(π) contains no ball around π (a Definition 2 counterexample)`;
    return { verdict: { ...noBall, status: 'violated', reason }, hidden: scan.hidden };
  }
  if (!st.zeroGradientClaimed) {
    const reason = `A(s,${a}) = ${alpha} > 0 at an unchanged row where Definition 1's zero gradient is not claimed`;
    return { verdict: { ...unchanged(), status: 'undecided', reason }, hidden: scan.hidden };
  }
  const derivative = derivativeVerdict(points, { state: s, direction: a });
  if (derivative.status === 'violated') {
    const why =
      `a stall: state ${s} is unchanged while A(s,${a}) = ${alpha} > 0 (error ${errA}), and no representable move ` +
      `toward action ${a} gains — the drift's directional derivative there is not 0 (a Definition 1 counterexample)`;
    return { verdict: withReason(derivative, why), hidden: scan.hidden };
  }
  const reason =
    `state ${s} is unchanged while A(s,${a}) = ${alpha} > 0, but no representable move gains and the drift's ` +
    `quotients ${derivative.status === 'holds' ? 'shrink' : 'are inconclusive'} (${derivative.reason}): ` +
    `the exact update moves by less than double precision resolves`;
  return { verdict: { ...unchanged(), status: 'undecided', reason }, hidden: scan.hidden };
}

/** Steps below the scan's last (2⁻⁶⁰), by factors of 2⁻¹⁰, down to where a move rounds back to π. */
const DEEP_FACTOR = 2 ** -10;

/**
 * The largest ε below `below` (by factors of 2⁻¹⁰) whose move π + ε(e_a − π) is representable and feasible, or null
 * when none is: a stall's "no move is in N(π)" is a Definition 2 counterexample only then (as in
 * `checkNeighbourhoodAxioms`, which also looks down to the last representable move).
 */
function deepFeasibleMove(
  pi: Float64Array,
  a: number,
  below: number,
  feasible: (row: Float64Array) => boolean,
): number | null {
  const A = pi.length;
  const x = new Float64Array(A);
  for (let eps = below * DEEP_FACTOR; eps > 0; eps *= DEEP_FACTOR) {
    let moved = false;
    for (let b = 0; b < A; b++) {
      x[b] = (1 - eps) * pi[b] + (b === a ? eps : 0);
      moved ||= x[b] !== pi[b];
    }
    if (!moved) return null;
    if (feasible(x)) return eps;
  }
  return null;
}
