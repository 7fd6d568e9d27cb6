import type { Drift } from '../drifts/drift.js';
import { forwardKlDrift } from '../drifts/forwardKlDrift.js';
import { squaredL2Drift } from '../drifts/squaredL2Drift.js';
import { totalVariationDistance } from '../drifts/totalVariationDistance.js';
import { stateObjective, type StateProblem, type StateSolution } from './stateProblem.js';

/**
 * Closed-form KKT solver for the per-state problems the neighbourhoods create most often (Kuba et al. 2022, Definition 3
 * with a ball's Lagrange multiplier as a further penalty term): every term is one of
 *   c·‖p − π‖²  (squared L2),   k·½‖p − π‖₁  (TV, the inner function of TV² in the κ-decomposition),   m·KL(π‖p)  (TRPO's ball),
 * so that φ(p) = Σ_a φ_a(p_a) is separable. For a simplex multiplier λ = max g + δ, each action's maximiser of
 * φ_a(x) − λx on a piece σ = sign(x − π_a) solves one quadratic,
 *   2c·x² + B·x − m·π_a = 0,   B = (max g − g_a) + δ − 2c·π_a + σ·k/2,
 * with the stable root x = 2mπ_a / (B + √(B² + 8cmπ_a)) for B > 0 and (√(B² + 8cmπ_a) − B)/(4c) otherwise; the kink of the
 * TV term at π_a keeps x = π_a between the two pieces. δ solves Σ_a x_a(δ) = 1 by safeguarded Newton, with
 * dx_a/dδ = −x_a/√(B² + 8cmπ_a) (the implicit function theorem on the quadratic).
 *
 * Certificate, the Lagrangian dual of Σp = 1: φ* ≤ λ + Σ_a max_{x∈[0,1]} [φ_a(x) − λx], and for each concave ψ_a = φ_a − λ
 * with one-sided slopes s⁺, s⁻ at the computed x, max ψ_a ≤ ψ_a(x) + max(0, s⁺)·(1 − x) + max(0, −s⁻)·x, with the
 * rounding of ψ_a(x) and of the slopes added from the magnitudes of their parts.
 *
 * Returns null — and the caller uses the general separable solver — when a term is of another kind, when some action's
 * problem is not strictly concave (no L2 term and an action outside supp π, whose maximiser may jump), or when the
 * answer is not certified to 1e-13 of the problem's scale.
 * Long on purpose (docs/architecture.md): the solver loop keeps its scratch arrays and bracket state on the stack,
 * with no closures in the hot path; the solver rewrite of issue 11 replaces it whole.
 */
export function quadraticRootStateSolve(problem: StateProblem, slope?: { klSlope: number }): StateSolution | null {
  if (slope) slope.klSlope = NaN;
  const rows = perActionRows(problem);
  if (rows === null) return null;
  const { c, k, m, anchor, top } = rows;
  if (c === 0 && m === 0) {
    if (!(k > 0)) return null;
    return certifiedRow(problem, rows, totalVariationOnly(rows, top), anchor);
  }
  if (!rootsApply(rows)) return null;
  // From the warm start when there is one; a root it finds that does not certify (Σx(δ) = 1 to rounding over a
  // whole interval of δ, beside an entry of π near underflow) is searched again cold, so a guess never costs a take.
  const guess = problem.warm ? predictedStart(problem.warm, m, 0) : NaN;
  let found = newtonDelta(rows, top, guess);
  let row = found === null ? null : certifiedRow(problem, rows, found, anchor);
  if (row === null && Number.isFinite(guess)) {
    found = newtonDelta(rows, top);
    row = found === null ? null : certifiedRow(problem, rows, found, anchor);
  }
  if (row !== null) leaveSolve(rows, 0, 0, found!, NaN, problem.warm, slope);
  return row;
}

/**
 * The row quadraticRootStateSolve would find, without its certificate: a draft for the multiplier probes that only steer
 * the search (its value, dual bound and the check against staying are what a certified solve adds). Leaves δ in
 * `problem.warm` for the next solve of the state; null where the roots do not apply (the caller solves in full). The
 * row is reused by the next draft.
 */
export function quadraticRootDraft(problem: StateProblem, slope?: { klSlope: number }): Float64Array | null {
  const rows = perActionRows(problem);
  if (rows === null || (rows.c === 0 && rows.m === 0) || !rootsApply(rows)) return null;
  const guess = problem.warm ? predictedStart(problem.warm, rows.m, 0) : NaN;
  let found = newtonDelta(rows, rows.top, guess);
  if (found === null && Number.isFinite(guess)) found = newtonDelta(rows, rows.top);
  if (found === null) return null;
  leaveSolve(rows, 0, 0, found, NaN, problem.warm, slope);
  // Read once by the caller before the next probe: one row per number of actions, refilled.
  const A = problem.pi.length;
  if (draftRow.length !== A) draftRow = new Float64Array(A);
  return rowOf(rows, draftRow) ? draftRow : null;
}

let draftRow = new Float64Array(0);

/**
 * What a solve leaves for the next one and for the ball's slope, from one solve of the implicit function theorem on its
 * rows (`multiplierSlopes`): into `warm`, its δ (and κ, unless NaN), its KL coefficient m and d(δ, κ)/dm; into `slope`,
 * d KL(π‖x)/dm (`klSlopeOfRows`). Either may be absent.
 */
export function leaveSolve(
  rows: Rows,
  a: number,
  E: number,
  delta: number,
  kappa: number,
  warm?: NonNullable<StateProblem['warm']>,
  slope?: { klSlope: number },
): void {
  if (!warm && !slope) return;
  multiplierSlopes(rows, a, E, moved);
  if (warm) {
    warm.delta = delta;
    if (!Number.isNaN(kappa)) warm.kappa = kappa;
    warm.m = rows.m;
    warm.dDelta = moved[0];
    warm.dKappa = moved[1];
  }
  if (slope) slope.klSlope = klSlopeOfRows(rows, moved[0], moved[1]);
}

/**
 * d KL(π‖x)/dm along the solved rows, m the KL coefficient (a KL ball's multiplier enters there), given d(δ, κ)/dm: each
 * action's quadratic gives ∂x_a/∂m = π_a/√(B² + 8cmπ_a) = −π_a·(dx_a/dδ)/x_a, and x_a moves with δ and κ besides. The
 * ball's slope from numbers the solver already has (ballSlope reads every term's curvatures again, ~7 calls an action);
 * it only steers the multiplier search. NaN where an action of supp π sits at 0 or the system is singular.
 */
function klSlopeOfRows(rows: Rows, dDelta: number, dKappa: number): number {
  const { x, dx, pi } = rows;
  let slope = 0;
  for (let i = 0; i < x.length; i++) {
    if (!(pi[i] > 0)) continue;
    if (!(x[i] > 0)) return NaN;
    if (dx[i] === 0) continue;
    const sigma = x[i] > pi[i] ? 1 : x[i] < pi[i] ? -1 : 0;
    const dxm = (-pi[i] * dx[i]) / x[i] + dx[i] * dDelta + ((sigma * dx[i]) / 2) * dKappa;
    slope -= (pi[i] / x[i]) * dxm;
  }
  return Number.isFinite(slope) ? slope : NaN;
}

const moved = new Float64Array(2);

/**
 * d(δ, κ)/dm along the solved rows into `out` (κ's 0 without TV², a = 0): the implicit function theorem on Σx = 1 and,
 * for TV²'s joint iteration (E = Σσ_a·dx_a/dδ), on TV(x) = κ/(2a) — its Jacobian J = [[D, E/2], [E/2, D/4 − 1/(2a)]] —
 * with ∂x_a/∂m = −π_a·(dx_a/dδ)/x_a.
 */
function multiplierSlopes(rows: Rows, a: number, E: number, out: Float64Array): void {
  const { x, dx, pi, derivative: D } = rows;
  let fm = 0;
  let gm = 0;
  for (let i = 0; i < x.length; i++) {
    if (dx[i] === 0 || !(x[i] > 0)) continue;
    const xm = (-pi[i] * dx[i]) / x[i];
    fm += xm;
    gm += x[i] > pi[i] ? xm / 2 : x[i] < pi[i] ? -xm / 2 : 0;
  }
  let dDelta: number;
  let dKappa = 0;
  if (a > 0) {
    const j12 = E / 2;
    const j22 = D / 4 - 1 / (2 * a);
    const det = D * j22 - j12 * j12;
    dDelta = (-fm * j22 + gm * j12) / det;
    dKappa = (-gm * D + fm * j12) / det;
  } else dDelta = -fm / D;
  out[0] = dDelta;
  out[1] = dKappa;
}

/**
 * The start of a state's solve at KL coefficient m from its last one (`leaveSolve`): δ, or κ for `which` = 1, moved
 * to first order in m where the last solve left its slope and m is within a factor two of its own (the next multiplier
 * probe: a step of 8 % left 5 evaluations per state, a predicted one fewer); else as it was. A start only: the solvers
 * search again cold where it does not certify.
 */
export function predictedStart(warm: NonNullable<StateProblem['warm']>, m: number, which: 0 | 1): number {
  const at = which === 0 ? warm.delta : (warm.kappa ?? NaN);
  const last = warm.m ?? NaN;
  const slope = which === 0 ? warm.dDelta : warm.dKappa;
  if (!(last > 0 && m > 0 && Math.abs(m - last) <= last && slope !== undefined && Number.isFinite(slope))) return at;
  const next = at + slope * (m - last);
  return Number.isFinite(next) ? next : at;
}

/**
 * Whether every action has a root: not where a piece is linear (no L2 term and no KL barrier, π_a = 0), as the
 * maximiser jumps there. A subnormal π_a is taken: its root is tiny and its rounding absolute, far below the dual
 * bound's allowances (no certificate broke on 71,000 such problems against the general solver, which took every state
 * of a run whose iterates near a deterministic policy, ~20× slower). So is a barrier m·π_a that underflows to 0 (π_a
 * near 5e-324 beside m < 1, as a KL ball's runs reach): its action is a step in δ, 0 above its jump and all the mass it
 * can take below, which the bisection safeguard locates; those were a third of Figure 3's GridWorld TV²-in-KL-ball
 * solves' time in the general solver.
 */
function rootsApply(rows: Rows): boolean {
  const { pi, c, m, mp } = rows;
  for (let a = 0; a < pi.length; a++) if (c === 0 && !(mp[a] > 0) && !(m > 0 && pi[a] > 0)) return false;
  return true;
}

/** p = x/Σx into `p`; under a KL barrier an entry of supp π that underflows keeps the smallest double (KL finite). */
export function rowOf(rows: Rows, p: Float64Array): boolean {
  const { pi, m, x } = rows;
  let total = 0;
  for (let a = 0; a < x.length; a++) total += x[a];
  if (!(total > 0)) return false;
  for (let a = 0; a < x.length; a++)
    p[a] = m > 0 && pi[a] > 0 ? Math.max(Number.MIN_VALUE, x[a] / total) : x[a] / total;
  return true;
}

/** The row x(δ)/Σx with its value and dual gap, or null when the gap is above 1e-13 of the problem's scale. */
function certifiedRow(problem: StateProblem, rows: Rows, delta: number, anchor: number): StateSolution | null {
  const { g } = problem;
  const { c, k, m } = rows;
  const A = g.length;
  const p = new Float64Array(A);
  if (!rowOf(rows, p)) return null;
  const value = stateObjective(problem, p);
  const bound = dualBound(delta, anchor, rows);
  const gap = Math.max(0, bound - value);
  let scale = Math.abs(anchor) + c + k + m;
  for (let a = 0; a < A; a++) scale = Math.max(scale, Math.abs(g[a]));
  if (!(gap <= 1e-13 * scale)) return null;
  return { p, value, gap, method: 'separable' };
}

/**
 * The per-action data of a problem whose terms are all squared L2, TV or KL(π‖·) (null otherwise, or for a reward that
 * is not finite): the coefficients c, k, m, h_a = max g − g_a and mπ_a, with max g and the maximal action. With
 * `squaredTv`, the terms that are squared TV and not convex-separable are left to the caller (TV²'s joint iteration
 * holds their weight): no filtered copy of the terms for every state of every multiplier probe.
 */
export function perActionRows(problem: StateProblem, squaredTv = false): Rows | null {
  const { g, pi, ctx, terms } = problem;
  const A = g.length;
  let c = 0;
  let k = 0;
  let m = 0;
  for (const t of terms) {
    if (t.coef === 0) continue;
    const d = t.drift;
    if (squaredTv && isSquaredTv(d)) continue;
    if (d === totalVariationDistance) k += t.coef;
    else if (d.family?.base === squaredL2Drift) c += t.coef * d.family.scale(ctx);
    else if (d.family?.base === forwardKlDrift) m += t.coef * d.family.scale(ctx);
    else return null;
  }
  if (!(c >= 0 && k >= 0 && m >= 0 && Number.isFinite(c + k + m))) return null;
  let anchor = -Infinity;
  let top = 0;
  let magnitude = 0;
  for (let a = 0; a < A; a++) {
    if (!Number.isFinite(g[a])) return null;
    if (g[a] > anchor) {
      anchor = g[a];
      top = a;
    }
    magnitude = Math.max(magnitude, Math.abs(g[a]));
  }
  // One set of rows per number of actions, refilled on every call: this runs for every state of every multiplier probe,
  // and no caller keeps rows past its own solve (TV²'s callers pass them from the faint check to the joint iteration;
  // the row returned is copied out of x).
  if (scratchRows === null || scratchRows.h.length !== A) {
    const none = new Float64Array(0);
    scratchRows = {
      h: new Float64Array(A),
      pi: none,
      mp: new Float64Array(A),
      c,
      k,
      m,
      x: new Float64Array(A),
      dx: new Float64Array(A),
      derivative: 0,
      at: NaN,
      anchor: 0,
      top: 0,
      magnitude: 0,
    };
  }
  const rows = scratchRows;
  for (let a = 0; a < A; a++) {
    rows.h[a] = anchor - g[a];
    rows.mp[a] = m * pi[a];
  }
  rows.pi = pi;
  rows.c = c;
  rows.k = k;
  rows.m = m;
  rows.derivative = 0;
  rows.at = NaN;
  rows.anchor = anchor;
  rows.top = top;
  rows.magnitude = magnitude;
  return rows;
}

let scratchRows: Rows | null = null;

/** Convex and separable: the per-action solvers' kind of term (the κ-decomposition's separable part). */
export function isConvexSeparable(d: Drift): boolean {
  return Boolean(d.convex && d.separable);
}

/** A squared-TV term of the κ-decomposition (a square of TV, not convex-separable): TV²'s joint iteration holds it. */
export function isSquaredTv(d: Drift): boolean {
  return !isConvexSeparable(d) && d.quadratic?.inner === totalVariationDistance;
}

/**
 * δ with Σ_a x_a(δ) = 1, leaving x(δ) in `rows` (null when no bracket is found): safeguarded Newton on
 * F(δ) = Σ x_a(δ) − 1 (nonincreasing), from the left end of a bracket, where F is nearest its linear part.
 */
export function newtonDelta(rows: Rows, top: number, guess = NaN): number | null {
  const warm = Number.isFinite(guess) ? warmBracket(rows, guess) : null;
  let lo: number;
  let hi: number;
  let flo: number;
  let fhi: number;
  if (warm !== null) ({ lo, hi, flo, fhi } = warm);
  else {
    const { pi, mp, c, k } = rows;
    const A = pi.length;
    // Bracket: at δ_lo the top action's slope at 1⁻ is ≥ 0 (x_top = 1, Σ ≥ 1); at δ_hi every slope at 1/A is ≤ 0.
    lo = Math.min(0, mp[top] - 2 * c * (1 - pi[top]) - k / 2);
    hi = 0;
    for (let a = 0; a < A; a++) hi = Math.max(hi, A * mp[a] + 2 * c * pi[a] + k / 2);
    hi = hi * (1 + 1e-12) + Number.MIN_VALUE;
    fhi = excessAt(hi, rows);
    for (let i = 0; i < 60 && fhi > 0; i++) {
      hi = 2 * hi + 1;
      fhi = excessAt(hi, rows);
    }
    flo = excessAt(lo, rows);
    for (let i = 0; i < 60 && flo < 0; i++) {
      hi = lo;
      fhi = flo;
      lo = lo - (1 + Math.abs(lo));
      flo = excessAt(lo, rows);
    }
  }
  if (!(flo >= 0 && fhi <= 0)) return null;
  // From the end evaluated last (rows.derivative is its slope): lo, or hi when that is the root or the warm start's.
  let delta = fhi === 0 || rows.at === hi ? hi : lo;
  let f = delta === hi ? fhi : flo;
  for (let i = 0; i < 200 && f !== 0; i++) {
    let next = rows.derivative < 0 ? delta - f / rows.derivative : NaN;
    if (!(next > lo && next < hi)) next = lo + (hi - lo) / 2;
    if (next === delta || !(next > lo && next < hi)) break;
    delta = next;
    f = excessAt(delta, rows);
    if (f > 0) lo = delta;
    else hi = delta;
    if (hi - lo <= 2 * Number.EPSILON * Math.max(Math.abs(lo), Math.abs(hi))) break;
    if (Math.abs(f) <= 2 * Number.EPSILON && rows.derivative < 0) break;
  }
  // Stopped on the high side of a step (an action whose barrier underflowed: 0 above its jump, 1 below), Σx < 1 by
  // that action's mass: the low side holds it at 1, and the residual below gives it exactly the rest.
  if (f < 0 && rows.c === 0 && hasStep(rows)) {
    const below = excessAt(lo, rows);
    if (below > 0) {
      delta = lo;
      f = below;
    }
  }
  const residual = rows.at === delta ? f : excessAt(delta, rows);
  // The last Newton step, taken on x itself: δ's doubles (spaced ~1e-14 near |max g| = 100) leave Σx off 1 by up to
  // |dΣx/dδ|·ulp(δ), and spreading that over every action by p = x/Σx moves the actions pinned at the TV kink x = π_a
  // too, each move costing k/2 per unit (a gap of 3e-11 at k = 200, over the certificate's threshold, sent every solve
  // of TV² in a KL ball to the slow general solver). The residual goes to the actions that move with δ instead: to an
  // action held at 1 (its x(δ) is infinitely steep where it leaves 1) when there is one, else in proportion to dx_a/dδ —
  // unless that would push an action out of (0, 1), where the plain normalisation stays.
  if (residual !== 0) absorbResidual(rows, residual);
  return delta;
}

/**
 * A bracket [lo, hi] of the root of Σx(δ) = 1 from a guess (the same state's δ at the last multiplier probe): Newton
 * steps from the guess, each overshot a little more (by 10⁻³, 10⁻², … of the step), until one lands on the other side;
 * ends with the last point evaluated (rows hold x there). Null when five steps do not cross, or a step cannot be taken.
 */
function warmBracket(rows: Rows, guess: number): { lo: number; hi: number; flo: number; fhi: number } | null {
  let at = guess;
  let f = excessAt(at, rows);
  if (f === 0) return { lo: at, hi: at, flo: 0, fhi: 0 };
  let overshoot = 1e-3;
  for (let i = 0; i < 5; i++) {
    if (!(rows.derivative < 0 && Number.isFinite(f))) return null;
    const step = (-f / rows.derivative) * (1 + overshoot);
    const next = at + step;
    if (!Number.isFinite(next) || next === at) return null;
    const fNext = excessAt(next, rows);
    if (f > 0 ? fNext <= 0 : fNext >= 0) {
      return f > 0 ? { lo: at, hi: next, flo: f, fhi: fNext } : { lo: next, hi: at, flo: fNext, fhi: f };
    }
    at = next;
    f = fNext;
    overshoot *= 10;
  }
  return null;
}

/** Some action carries no barrier although π_a > 0 (m·π_a underflowed): its x(δ) is a step. */
function hasStep(rows: Rows): boolean {
  for (let a = 0; a < rows.pi.length; a++) if (rows.m > 0 && rows.pi[a] > 0 && !(rows.mp[a] > 0)) return true;
  return false;
}

/**
 * The TV-only problem max ⟨p, g⟩ − k·½‖p − π‖₁ (the κ-decomposition's step at a KL ball's μ = 0), a linear programme:
 * moving mass from action j to the best action costs k per unit and gains h_j, so every action with h_j > k gives all
 * its mass to the best action and the rest keep π. The dual point δ = −k/2 (λ = max g − k/2) certifies it exactly.
 * (The general solver took this case, ~5,000 times in one Figure 3 run.)
 */
function totalVariationOnly(rows: Rows, top: number): number {
  const { h, pi, k, x } = rows;
  let moved = 0;
  for (let a = 0; a < x.length; a++) {
    x[a] = a !== top && h[a] > k ? 0 : pi[a];
    if (a !== top) moved += pi[a] - x[a];
  }
  x[top] = pi[top] + moved;
  return -k / 2;
}

/** Moves x by −residual along the actions that move with δ (see the call); leaves x alone when that fails. */
export function absorbResidual(rows: Rows, residual: number): void {
  const { x, dx, mp } = rows;
  const A = x.length;
  for (let a = 0; a < A; a++) {
    if (x[a] !== 1) continue;
    let rest = 0;
    for (let b = 0; b < A; b++) if (b !== a) rest += x[b];
    if (rest >= 0 && rest < 1) x[a] = 1 - rest;
    return;
  }
  if (!(rows.derivative < 0)) return;
  // Every moved action stays in [0, 1], and off 0 where a KL barrier holds it (mπ_a > 0); else nothing moves.
  for (let a = 0; a < A; a++) {
    const moved = x[a] - (residual * dx[a]) / rows.derivative;
    if (dx[a] !== 0 && !(mp[a] > 0 ? moved > 0 && moved < 1 : moved >= 0 && moved <= 1)) return;
  }
  for (let a = 0; a < A; a++) if (dx[a] !== 0) x[a] -= (residual * dx[a]) / rows.derivative;
}

/**
 * One per-state problem in the solver's terms: h_a = max g − g_a, π, mπ_a, the L2 and TV coefficients; and the last
 * evaluation: x(δ) at δ = `at`, with each dx_a/dδ in `dx` and their sum in `derivative`.
 */
export interface Rows {
  readonly h: Float64Array;
  pi: Float64Array;
  readonly mp: Float64Array;
  c: number;
  /** The TV coefficient (the joint TV² solver moves it with κ). */
  k: number;
  /** The KL coefficient (mπ_a may underflow to 0 where π_a > 0). */
  m: number;
  readonly x: Float64Array;
  /** dx_a/dδ at the last evaluation (0 at a bound or on the kink). */
  readonly dx: Float64Array;
  derivative: number;
  at: number;
  /** max g. */
  anchor: number;
  /** The first action attaining max g. */
  top: number;
  /** max |g|. */
  magnitude: number;
}

/**
 * Fills x[a] = argmax_{x∈[0,1]} φ_a(x) − (max g + δ)·x and the derivative Σ_a dx_a/dδ (0 for an action at a bound or
 * on the kink); returns Σ x − 1, formed as (x_max − 1) + the rest, so that a sum a few ulps above 1 is not rounded to 1.
 */
export function excessAt(delta: number, rows: Rows): number {
  const { h, pi, mp, c, k, x, dx } = rows;
  const A = h.length;
  const out = piece;
  let big = 0;
  let derivative = 0;
  for (let a = 0; a < A; a++) {
    const base = h[a] + delta - 2 * c * pi[a];
    if (k === 0 || pi[a] === 0 || pi[a] === 1) {
      // One piece: σ = +1 above π_a = 0, σ = −1 below π_a = 1; no kink when k = 0.
      const sigma = k === 0 ? 0 : pi[a] === 0 ? 1 : -1;
      solvePiece(base + (sigma * k) / 2, c, mp[a], out);
    } else {
      solvePiece(base + k / 2, c, mp[a], out);
      if (!(out[0] > pi[a])) {
        solvePiece(base - k / 2, c, mp[a], out);
        if (!(out[0] < pi[a])) {
          out[0] = pi[a];
          out[1] = 0;
        }
      }
    }
    let v = out[0];
    let d = out[1];
    if (v >= 1) {
      v = 1;
      d = 0;
    }
    if (v <= 0) d = 0;
    x[a] = v;
    dx[a] = Number.isFinite(d) ? d : 0;
    if (Number.isFinite(d)) derivative += d;
    if (v > x[big]) big = a;
  }
  rows.derivative = derivative;
  rows.at = delta;
  let rest = 0;
  for (let a = 0; a < A; a++) if (a !== big) rest += x[a];
  return x[big] - 1 + rest;
}

/** One piece's root and its derivative in δ, [x, dx/dδ], written by `solvePiece` (no double returned: no boxing). */
const piece = new Float64Array(2);

/**
 * The nonnegative root x of 2c·x² + B·x − q = 0 (q ≥ 0), in its cancellation-free form (∞ when c = 0 and B ≤ 0), and
 * dx/dδ = −x/√(B² + 8cq) (√(B² + 8cq) = 4c·x + B, the quadratic's derivative at its root), into out[0] and out[1]:
 * one square root for both, and no double returned (a call that is not inlined boxes its result: ~11,000 heap numbers
 * per update of TV² in a KL ball at S = 200, a quarter of its allocations).
 */
function solvePiece(B: number, c: number, q: number, out: Float64Array): void {
  // |B| without a square root where c or q is 0 (TV² and KL alone: every piece), as √(B²) rounds to |B| exactly wherever
  // B² is a normal double, and |B| is right beyond (√(B²) read ∞ above 1e154 and lost digits below 1e-154).
  const s = q === 0 || c === 0 ? Math.abs(B) : Math.sqrt(B * B + 8 * c * q);
  let v: number;
  if (c === 0) v = B > 0 ? q / B : Infinity;
  else if (q === 0) v = B < 0 ? -B / (2 * c) : 0;
  else v = B > 0 ? (2 * q) / (B + s) : (s - B) / (4 * c);
  out[0] = v;
  out[1] = -v / s;
}

/**
 * λ + Σ_a max_{x∈[0,1]} ψ_a(x), each maximum bounded through the one-sided slopes at the computed x_a — or at the TV
 * kink π_a, when that is lower: an x_a one ulp below its kink (rounding, or the final normalisation) sees the lower
 * piece's slope, k/2 too steep, and bounded the maximum k/2·(1 − x_a) too high (a gap of 2.8 where the kink gives ~0).
 * Any point gives a valid bound; rounding included.
 */
export function dualBound(delta: number, anchor: number, rows: Rows): number {
  const { h, pi, mp, c, k, x } = rows;
  const lambda = anchor + delta;
  // λ itself is rounded: its error e multiplies Σx = 1 inside the sum and cancels against the leading λ up to 2|e|.
  let d = lambda + 2 * Number.EPSILON * Math.abs(lambda);
  for (let a = 0; a < x.length; a++) {
    // max_{y∈[0,1]} ψ_a(y) bounded from ψ_a and its one-sided slopes at v (concavity), rounding included: at v = x_a,
    // and at v = π_a (the kink) where TV moves it, the lower of the two. One body for both points, not a function
    // called twice (a call that is not inlined boxes its arguments and result: ~24 heap numbers a state).
    const points = k > 0 && pi[a] > 0 && x[a] !== pi[a] ? 2 : 1;
    let top = Infinity;
    for (let t = 0; t < points; t++) {
      const v = t === 0 ? x[a] : pi[a];
      const dev = v - pi[a];
      // ψ_a(v) = −(h_a + δ)·v − c·dev² − (k/2)|dev| − mπ_a(log π_a − log v)
      // One logarithm where the ratio is a normal double (its rounding is within psiError), none at the kink v = π_a
      // (the second bound of every TV action that moves: log 1 = 0 exactly).
      const ratio = pi[a] / v;
      const logPart =
        mp[a] === 0 || ratio === 1
          ? 0
          : mp[a] *
            (ratio < Infinity && ratio >= 2.2250738585072014e-308 ? Math.log(ratio) : Math.log(pi[a]) - Math.log(v));
      let bound = Infinity;
      if (Number.isFinite(logPart)) {
        // A barrier that underflowed (mπ_a < 2⁻¹⁰⁷⁵) is left out of ψ_a and its slopes; it adds mπ_a·log(y/π_a) ≤
        // 2⁻¹⁰⁷⁵·745 at any y ∈ [0, 1] (π_a ≥ 5e-324) — kept in the bound as 2e-321.
        const unseen = mp[a] === 0 && rows.m > 0 && pi[a] > 0 ? 2e-321 : 0;
        const linear = (h[a] + delta) * v;
        const psi = -linear - c * dev * dev - (k / 2) * Math.abs(dev) - logPart;
        const psiError =
          8 * Number.EPSILON * (Math.abs(linear) + c * dev * dev + (k / 2) * Math.abs(dev) + Math.abs(logPart) + mp[a]);
        // One-sided slopes ψ′(v±) = −(h_a + δ) − 2c·dev − σ·k/2 + mπ_a/v, σ = ±1 off the kink, and each side's at it.
        const smooth = -(h[a] + delta) - 2 * c * dev + (mp[a] === 0 ? 0 : mp[a] / v);
        const slopeError =
          8 *
          Number.EPSILON *
          (Math.abs(h[a]) + Math.abs(delta) + 2 * c * (v + pi[a]) + k + (mp[a] === 0 ? 0 : mp[a] / v));
        const right = smooth - (dev < 0 ? -k / 2 : k / 2);
        const left = smooth - (dev > 0 ? k / 2 : -k / 2);
        const up = v < 1 ? Math.max(0, right + slopeError) * (1 - v) : 0;
        const down = v > 0 ? Math.max(0, -(left - slopeError)) * v : 0;
        bound = psi + psiError + unseen + Math.max(up, down);
      }
      top = t === 0 ? bound : Math.min(top, bound);
    }
    if (!Number.isFinite(top)) return Infinity;
    d += top;
  }
  return d;
}
