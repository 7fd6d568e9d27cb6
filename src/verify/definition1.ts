import type { Drift, DriftContext } from '../mirror/drifts/drift.js';
import { driftNoise } from '../mirror/drifts/driftNumerics.js';
import { directionalDerivative, scanToward, type ScanPoint } from './directionalDerivative.js';
import { compareAtLeast, outside, worstVerdict, type Verdict } from './verdict.js';

/** One state's worth of input to the drift axioms: π(·|s), its context, and targets p ∈ P(A) to move toward. */
export interface DriftAxiomCase {
  readonly pi: Float64Array;
  readonly ctx: DriftContext;
  readonly targets: readonly Float64Array[];
}

/** Perturbation sizes of the continuity check. */
const CONTINUITY_STEPS = [2 ** -10, 2 ** -20, 2 ** -30];
/**
 * Finer steps tried before a settled jump is called a discontinuity, where every moving entry still resolves them (a
 * move of ≥ 2⁻⁴⁸ of the entry, 16 ulps): a drift with a kink at π_a (TV², c·|x − π_a|-type terms) is continuous, but
 * when π̄_a is 2.5e-13 from π_a the kink lies below δ = 2⁻³⁰ and the coarse jumps settle at 2.5e-13 (a ×10 run
 * called the valid TV² VIOLATED on such a row).
 */
const FINER_STEPS = [2 ** -40, 2 ** -50];
/** A value is the drift's own, not its rounding's, when it exceeds this multiple of the local noise model. */
const NOISE_MULTIPLE = 8;

/** (1 − ε)·x + ε·y, which stays in the simplex for x, y in it. */
function mix(x: Float64Array, y: Float64Array, eps: number): Float64Array {
  return Float64Array.from(x, (xi, a) => (1 - eps) * xi + eps * y[a]);
}

function vertices(A: number): Float64Array[] {
  return Array.from({ length: A }, (_, a) => Float64Array.from({ length: A }, (_, b) => (a === b ? 1 : 0)));
}

/** The drift's rounding noise at x (`driftNoise`, 0 where D is infinite). */
function noiseAt(drift: Drift, x: Float64Array, pi: Float64Array, ctx: DriftContext, value: number): number {
  // Plus the underflow term: in the subnormal range rounding is absolute, up to half of 2⁻¹⁰⁷⁴ per operation (a PPO
  // drift of 0 next to one of 4.9e-324 "jumped" by that one subnormal ulp at every δ: a ×10 run's false alarm).
  return Number.isFinite(value) ? driftNoise(drift, x, pi, ctx, value) + (x.length + 4) * Number.MIN_VALUE : 0;
}

/**
 * Definition 1 (Kuba et al. 2022, Section 3.1) for one drift at one state, by falsification on finite differences:
 * 1. zero at π: D_π(π|s) = 0 (within the drift's own rounding noise at π);
 * 2. nonnegativity: D_π(π̄|s) ≥ 0 at every target and at every representable point π + 2⁻ᵏv (k = 1 … 60) of each
 *    segment toward a vertex or a target (a drift may be negative only near π);
 * 3. zero Gâteaux derivative: for v = p − π with p every vertex and every target (so directions that touch the
 *    boundary), [D(π + εv) − D(π)]/ε → 0, read by `directionalDerivative` from the same points: `violated` when the
 *    quotients settle at a nonzero limit (a linear model with an interval for q₀ that excludes 0) or grow while D
 *    shrinks, `holds` when they keep shrinking, `undecided` otherwise (ε/log(1/ε), ε^1.01);
 * 4. continuity in (π, π̄): |D(π̄ + δw) − D(π̄)| and |D_{π+δw}(π̄) − D_π(π̄)| must shrink as δ = 2⁻¹⁰, 2⁻²⁰, 2⁻³⁰.
 * NaN is a violation anywhere; +∞ is a legitimate value (not at π̄ = π, nor along a direction from π).
 * The rounding noise of D is the local model `driftNoise` at each point (sensitivity × u, from the drift's gradient
 * or from central differences): a drift of size 5e-6 is judged at its own scale, not at 1's.
 * Drifts marked `interiorOnly` are checked for 3 only at full-support π (`outside` at a boundary π).
 */
export function checkDriftAxioms(drift: Drift, c: DriftAxiomCase): Verdict {
  const { pi, ctx } = c;
  const A = pi.length;
  const D = (x: Float64Array, base = pi) => drift.value(x, base, ctx);
  const verdicts: Verdict[] = [];
  const directions = [...vertices(A), ...c.targets];
  const atPi = D(pi);
  if (Number.isNaN(atPi)) return nanVerdict(ctx.state);
  const noisePi = noiseAt(drift, pi, pi, ctx, atPi);
  verdicts.push(compareAtLeast('D_π(π|s) = 0', -Math.abs(atPi), 0, 0, NOISE_MULTIPLE * noisePi, { state: ctx.state }));
  const boundary = pi.some((x) => x === 0);
  const derivativeChecked = !(drift.interiorOnly && boundary);
  if (!derivativeChecked) {
    verdicts.push(outside('zero Gâteaux derivative at π', `${drift.name} claims Definition 1 only at full-support π`));
  }
  for (let k = 0; k < directions.length; k++) {
    const p = directions[k];
    const where = { state: ctx.state, direction: k };
    const atP = D(p);
    if (Number.isNaN(atP)) return nanVerdict(ctx.state);
    verdicts.push(nonnegative(atP, noiseAt(drift, p, pi, ctx, atP), { ...where, epsilon: 1 }));
    const points = scanToward(drift, pi, p, ctx);
    for (const point of points) {
      if (Number.isNaN(point.value)) return nanVerdict(ctx.state);
      verdicts.push(nonnegative(point.value, point.noise, { ...where, epsilon: point.eps }));
    }
    if (derivativeChecked) verdicts.push(derivativeVerdict(points, where));
  }
  // Continuity is claimed where Definition 1 is: at a boundary π an interior-only drift is +∞ as soon as π̄ leaves
  // supp π (χ², reverse KL), which is its domain's edge, not a jump.
  const finiteTargets = derivativeChecked ? c.targets.filter((p) => Number.isFinite(D(p))) : [];
  finiteTargets.forEach((p, k) => {
    const toward = finiteTargets[(k + 1) % finiteTargets.length] ?? pi;
    const atP = D(p);
    const floor = NOISE_MULTIPLE * noiseAt(drift, p, pi, ctx, atP);
    // Perturbations below the rows' smallest entries: a drift with a barrier (χ² at π_a = 1e-200) changes by O(1) over
    // δ = 2⁻³⁰ there and is continuous all the same.
    const scale = smallestEntry(p, toward, pi);
    // The perturbed rows are rounded too: a step far below a row's ulps still moves an entry by an ulp, and the drift
    // changes by its sensitivity to that (c·TV² by c·ulp² = 4.8e-33 at p = π; χ² by D·ulp/π_a in π) at every δ — a
    // "settled jump" that is only rounding. The floor includes that sensitivity, measured by moving each row by ±2 ulps.
    const inBar = (d: number) => mix(p, toward, scale * d);
    const inPi = (d: number) => mix(pi, toward, scale * d);
    const floorBar = Math.max(floor, NOISE_MULTIPLE * Math.abs(D(ulpShifted(p)) - atP));
    const floorPi = Math.max(floor, NOISE_MULTIPLE * Math.abs(D(p, ulpShifted(pi)) - atP));
    // A perturbation some entry of the row cannot resolve (θ·|t_a − x_a| below 2⁻⁴⁰ of x_a: a row with a 5e-13 entry
    // beside 0.5s, scaled by its smallest entry) is rounding, not a move: such a check cannot decide continuity.
    const finerBar = FINER_STEPS.filter((d) => resolvedAt(p, toward, scale * d, 2 ** -48));
    const finerPi = FINER_STEPS.filter((d) => resolvedAt(pi, toward, scale * d, 2 ** -48));
    const bar = resolvedSteps(p, toward, scale)
      ? continuityVerdict((d) => D(inBar(d)), atP, floorBar, 'D_π(·|s) continuous in π̄', k, ctx.state, finerBar)
      : unresolvedContinuity('D_π(·|s) continuous in π̄', ctx.state, k);
    const inPiVerdict = resolvedSteps(pi, toward, scale)
      ? continuityVerdict((d) => D(p, inPi(d)), atP, floorPi, 'D_·(π̄|s) continuous in π', k, ctx.state, finerPi)
      : unresolvedContinuity('D_·(π̄|s) continuous in π', ctx.state, k);
    verdicts.push(bar, inPiVerdict);
  });
  return worstVerdict(verdicts);
}

/** Whether every entry resolves the smallest continuity step from x toward t (see the continuity check). */
function resolvedSteps(x: Float64Array, t: Float64Array, scale: number): boolean {
  return resolvedAt(x, t, scale * CONTINUITY_STEPS[CONTINUITY_STEPS.length - 1], 2 ** -40);
}

/** Whether every entry that moves, moves by at least `relative` of itself at the step θ from x toward t. */
function resolvedAt(x: Float64Array, t: Float64Array, theta: number, relative: number): boolean {
  for (let a = 0; a < x.length; a++) {
    const move = Math.abs(theta * (t[a] - x[a]));
    if (t[a] !== x[a] && move < relative * Math.abs(x[a])) return false;
  }
  return true;
}

function unresolvedContinuity(name: string, state: number, target: number): Verdict {
  return {
    ...compareAtLeast(`${name}: |D(x + δw) − D(x)| → 0`, 0, Infinity, 0, 0, { state, target }),
    status: 'undecided',
    reason: 'the perturbations are below the rounding of some entry of the row',
  };
}

/** x with its entries moved by ±2 ulps (alternating signs): the rounding a computed row carries. */
function ulpShifted(x: Float64Array): Float64Array {
  return Float64Array.from(x, (v, a) => v * (a % 2 === 0 ? 1 + 2 ** -51 : 1 - 2 ** -51));
}

/** D ≥ 0 at one point, within the local noise; +∞ (a legitimate value, exact) is nonnegative outright. */
function nonnegative(value: number, noise: number, where: Record<string, number>): Verdict {
  if (value === Infinity)
    return { ...compareAtLeast('D_π(π̄|s) ≥ 0', 1, 0, 0, 0, where), lhs: Infinity, margin: Infinity };
  return compareAtLeast('D_π(π̄|s) ≥ 0', value, 0, 0, NOISE_MULTIPLE * noise, where);
}

function nanVerdict(state: number): Verdict {
  return {
    ...compareAtLeast('D is a number', NaN, 0, 0, 0, { state }),
    status: 'violated',
    reason: 'the drift returned NaN',
  };
}

/** The zero-Gâteaux-derivative verdict of one direction, from its scan (see `directionalDerivative`). */
export function derivativeVerdict(points: readonly ScanPoint[], where: Record<string, number>): Verdict {
  const name = 'lim_{ε→0} [D_π(π + εv|s) − D_π(π|s)]/ε = 0';
  const infinite = points.find((p) => p.resolved && !Number.isFinite(p.value));
  if (infinite) {
    return {
      ...compareAtLeast(name, 0, 0, infinite.value, 0, { ...where, epsilon: infinite.eps }),
      status: 'violated',
      reason: `D(π + εv) = ${infinite.value > 0 ? '+∞' : '−∞'} at ε = ${infinite.eps.toPrecision(3)}: the derivative is infinite`,
    };
  }
  const d = directionalDerivative(points);
  const base = {
    inequality: name,
    lhs: d.limit,
    rhs: 0,
    margin: -Math.abs(d.limit),
    error: d.limitError,
    where: { ...where, epsilon: d.epsilon },
    checked: 1,
    reason: d.reason,
  };
  const status = d.kind === 'nonzero' || d.kind === 'infinite' ? 'violated' : d.kind === 'zero' ? 'holds' : 'undecided';
  return { ...base, status };
}

/** The smallest positive entry of some rows (1 at most): the scale below which perturbations must stay. */
function smallestEntry(...rows: Float64Array[]): number {
  let m = 1;
  for (const row of rows) for (const x of row) if (x > 0) m = Math.min(m, x);
  return m;
}

/** |f(δ) − f(0)| must shrink as δ → 0 (δ = 2⁻¹⁰ … 2⁻³⁰): `violated` when the jump stays above noise, unshrunk. */
function continuityVerdict(
  f: (delta: number) => number,
  at: number,
  floor: number,
  name: string,
  k: number,
  state: number,
  finer: readonly number[] = [],
): Verdict {
  const jumps = CONTINUITY_STEPS.map((d) => Math.abs(f(d) - at));
  const last = jumps[jumps.length - 1];
  const base = {
    inequality: `${name}: |D(x + δw) − D(x)| → 0`,
    lhs: last,
    rhs: 0,
    margin: -last,
    error: floor,
    where: { state, target: k, delta: CONTINUITY_STEPS[2] },
    checked: 1,
  };
  if (Number.isNaN(last)) return { ...base, status: 'violated', reason: 'NaN near a finite value' };
  const list = jumps.map((j) => j.toPrecision(6)).join(', ');
  const clear = jumps.every((j) => j > 4 * floor);
  // A jump J + O(δ) settles geometrically (its decrements shrink ~2¹⁰-fold per step of δ): a discontinuity. One that
  // shrinks by similar decrements vanishes at a logarithmic rate (f(KL) at the edge of KL's domain, where a row has
  // entries of 1e-200): continuous, too slowly to see. Neither settling nor halving: not proven either way.
  const settled =
    jumps[2] >= 0.99 * jumps[1] && Math.abs(jumps[1] - jumps[2]) <= 2 ** -5 * Math.abs(jumps[0] - jumps[1]) + 4 * floor;
  if (clear && settled) {
    // A jump is a discontinuity only if it persists at every finer step the row resolves; one that shrinks there was
    // a kink between the probes and x (continuous), unless it stays above noise, then nothing is decided.
    const deeper = finer.map((d) => Math.abs(f(d) - at));
    const persists = deeper.every((j) => j >= 0.99 * jumps[2]);
    if (persists) return { ...base, status: 'violated', reason: `jumps ${list} settle at a nonzero value` };
    const deepest = deeper[deeper.length - 1];
    if (deepest > 4 * floor) {
      return { ...base, status: 'undecided', reason: `jumps ${list} settle, then shrink at finer steps: not decided` };
    }
    return { ...base, lhs: deepest, margin: -deepest, status: 'holds' };
  }
  if (clear && last >= jumps[0] / 2) {
    return { ...base, status: 'undecided', reason: `jumps ${list} shrink too slowly to decide` };
  }
  return { ...base, status: 'holds' };
}
