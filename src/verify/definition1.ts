import type { Drift, DriftContext } from '../mirror/drifts/drift.js';
import { UNIT_ROUNDOFF } from '../numeric/rounding.js';
import { compareAtLeast, outside, worstVerdict, type Verdict } from './verdict.js';

/** One state's worth of input to the drift axioms: π(·|s), its context, and targets p ∈ P(A) to move toward. */
export interface DriftAxiomCase {
  readonly pi: Float64Array;
  readonly ctx: DriftContext;
  readonly targets: readonly Float64Array[];
}

/** Step sizes of the one-sided difference quotients [D(π + εv) − D(π)]/ε: 2⁻⁸ … 2⁻²⁸. */
const DERIVATIVE_STEPS = [8, 12, 16, 20, 24, 28].map((k) => 2 ** -k);
/** Step sizes of the nonnegativity scan along a direction: 1, 2⁻¹ … 2⁻²⁸ (a drift may be negative only near π). */
const SCAN_STEPS = Array.from({ length: 29 }, (_, k) => 2 ** -k);
/** Perturbation sizes of the continuity check. */
const CONTINUITY_STEPS = [2 ** -10, 2 ** -20, 2 ** -30];
/** Relative spread below which three difference quotients are read as converged to a nonzero limit. */
const CONVERGED_SPREAD = 1e-3;

/** (1 − ε)·x + ε·y, which stays in the simplex for x, y in it. */
function mix(x: Float64Array, y: Float64Array, eps: number): Float64Array {
  return Float64Array.from(x, (xi, a) => (1 - eps) * xi + eps * y[a]);
}

function vertices(A: number): Float64Array[] {
  return Array.from({ length: A }, (_, a) => Float64Array.from({ length: A }, (_, b) => (a === b ? 1 : 0)));
}

/**
 * Definition 1 (Kuba et al. 2022, Section 3.1) for one drift at one state, by falsification on finite differences:
 * 1. zero at π: D_π(π|s) = 0;
 * 2. nonnegativity: D_π(π̄|s) ≥ 0 at every target and along each segment π → p at ε = 1 … 2⁻²⁸;
 * 3. zero Gâteaux derivative: for v = p − π with p every vertex and every target (so directions that touch the
 *    boundary), [D(π + εv) − D(π)]/ε → 0. `violated` when the quotients at ε = 2⁻²⁰, 2⁻²⁴, 2⁻²⁸ are above the
 *    rounding noise, of one sign, and agree to 1e-3 (converged: a nonzero derivative, e.g. TV), or when all six
 *    quotients from ε = 2⁻⁸ are clear of the noise and never shrink (growing: an infinite one, e.g. ‖v‖^0.9);
 *    `holds` when the last quotient is 2⁸ times below the first or within noise; `undecided` otherwise (D ≈ ε^1.01);
 * 4. continuity in (π, π̄): |D(π̄ + δw) − D(π̄)| and |D_{π+δw}(π̄) − D_π(π̄)| must shrink as δ = 2⁻¹⁰, 2⁻²⁰, 2⁻³⁰.
 * NaN is a violation anywhere; +∞ is a legitimate value (not at π̄ = π, nor along a direction from π).
 * The rounding noise of D is read as 64u·max(1, |D|) over the points evaluated (D is a black box).
 * Drifts marked `interiorOnly` are checked for 3 only at full-support π (`outside` at a boundary π).
 */
export function checkDriftAxioms(drift: Drift, c: DriftAxiomCase): Verdict {
  const { pi, ctx } = c;
  const A = pi.length;
  const D = (x: Float64Array, base = pi) => drift.value(x, base, ctx);
  const verdicts: Verdict[] = [];
  const directions = [...vertices(A), ...c.targets];
  // Evaluate everything first so the noise floor sees every magnitude.
  const atPi = D(pi);
  const scans = directions.map((p) => SCAN_STEPS.map((eps) => D(mix(pi, p, eps))));
  let magnitude = Math.abs(atPi);
  for (const scan of scans) for (const x of scan) if (Number.isFinite(x)) magnitude = Math.max(magnitude, Math.abs(x));
  const floor = 64 * UNIT_ROUNDOFF * Math.max(1, magnitude);
  const nanAt = [atPi, ...scans.flat()].findIndex((x) => Number.isNaN(x));
  if (nanAt >= 0) {
    return { ...compareAtLeast('D is a number', NaN, 0, 0, 0), status: 'violated', reason: 'the drift returned NaN' };
  }
  verdicts.push({ ...compareAtLeast('D_π(π|s) = 0', -Math.abs(atPi), 0, 0, floor, { state: ctx.state }) });
  directions.forEach((_, k) => {
    scans[k].forEach((x, j) => {
      verdicts.push(
        compareAtLeast('D_π(π̄|s) ≥ 0', x, 0, 0, floor, { state: ctx.state, direction: k, epsilon: SCAN_STEPS[j] }),
      );
    });
  });
  const boundary = pi.some((x) => x === 0);
  if (drift.interiorOnly && boundary) {
    verdicts.push(outside('zero Gâteaux derivative at π', `${drift.name} claims Definition 1 only at full-support π`));
  } else {
    directions.forEach((p, k) =>
      verdicts.push(derivativeVerdict(D, pi, p, atPi, floor, { state: ctx.state, direction: k })),
    );
  }
  const finiteTargets = c.targets.filter((p) => Number.isFinite(D(p)));
  finiteTargets.forEach((p, k) => {
    const toward = finiteTargets[(k + 1) % finiteTargets.length] ?? pi;
    verdicts.push(
      continuityVerdict((d) => D(mix(p, toward, d)), D(p), floor, 'D_π(·|s) continuous in π̄', k, ctx.state),
    );
    if (!(drift.interiorOnly && boundary)) {
      verdicts.push(
        continuityVerdict((d) => D(p, mix(pi, toward, d)), D(p), floor, 'D_·(π̄|s) continuous in π', k, ctx.state),
      );
    }
  });
  return worstVerdict(verdicts);
}

/** The one-sided directional derivative of D at π toward p, read from difference quotients. */
function derivativeVerdict(
  D: (x: Float64Array) => number,
  pi: Float64Array,
  p: Float64Array,
  atPi: number,
  floor: number,
  where: Record<string, number>,
): Verdict {
  const name = 'lim_{ε→0} [D_π(π + εv|s) − D_π(π|s)]/ε = 0';
  if (p.every((x, a) => x === pi[a])) return { ...compareAtLeast(name, 0, 0, 0, 0, where) };
  const quotients = DERIVATIVE_STEPS.map((eps) => (D(mix(pi, p, eps)) - atPi) / eps);
  const last = quotients[quotients.length - 1];
  const noise = (eps: number) => (2 * floor) / eps;
  const epsLast = DERIVATIVE_STEPS[DERIVATIVE_STEPS.length - 1];
  if (!Number.isFinite(last)) {
    return {
      ...compareAtLeast(name, 0, 0, last, 0, { ...where, epsilon: epsLast }),
      status: 'violated',
      reason: `D(π + εv) = ${last > 0 ? '+∞' : '−∞'} at ε = 2^-28: the derivative is infinite`,
    };
  }
  const tail = quotients.slice(-3);
  const tailEps = DERIVATIVE_STEPS.slice(-3);
  const clear = (q: number, eps: number) => Math.abs(q) > 4 * noise(eps) && Math.sign(q) === Math.sign(last);
  const converged =
    tail.every((q, i) => clear(q, tailEps[i])) &&
    Math.max(...tail) - Math.min(...tail) <= CONVERGED_SPREAD * Math.abs(last);
  // Growing at every step from ε = 2⁻⁸ (D ≈ ε^0.9): no finite limit, least of all 0. Rounding noise also grows like
  // 1/ε, but only once it dominates; a quotient clear of it at every ε and never shrinking is the drift's own.
  const growing = quotients.every(
    (q, i) => clear(q, DERIVATIVE_STEPS[i]) && (i === 0 || Math.abs(q) >= Math.abs(quotients[i - 1])),
  );
  const base = {
    inequality: name,
    lhs: last,
    rhs: 0,
    margin: -Math.abs(last),
    error: noise(epsLast),
    where: { ...where, epsilon: epsLast },
    checked: 1,
  };
  if (converged || growing) {
    const trend = converged ? `converge to ${last} ≠ 0` : `grow as ε → 0 (to ${last} at ε = 2^-28)`;
    return {
      ...base,
      status: 'violated',
      reason: `difference quotients ${trend} (${quotients.map((q) => q.toPrecision(6)).join(', ')})`,
    };
  }
  if (Math.abs(last) <= noise(epsLast) || Math.abs(last) <= Math.abs(quotients[0]) * 2 ** -8) {
    return { ...base, status: 'holds' };
  }
  return {
    ...base,
    status: 'undecided',
    reason: `difference quotients ${quotients.map((q) => q.toPrecision(6)).join(', ')} shrink too slowly to decide`,
  };
}

/** |f(δ) − f(0)| must shrink as δ → 0; `violated` when the jump stays above noise and does not halve over 2⁻¹⁰ … 2⁻³⁰. */
function continuityVerdict(
  f: (delta: number) => number,
  at: number,
  floor: number,
  name: string,
  k: number,
  state: number,
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
  if (jumps.every((j) => j > 4 * floor) && last >= jumps[0] / 2) {
    return {
      ...base,
      status: 'violated',
      reason: `jumps ${jumps.map((j) => j.toPrecision(6)).join(', ')} do not shrink`,
    };
  }
  return { ...base, status: 'holds' };
}
