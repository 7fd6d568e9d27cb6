import type { Drift, DriftContext } from '../mirror/drifts/drift.js';
import { driftNoise } from '../mirror/drifts/driftNumerics.js';
import { UNIT_ROUNDOFF } from '../numeric/rounding.js';

/** One point π + εv of a scan toward p, with the drift's value there and what is known about its error. */
export interface ScanPoint {
  /** The halving index k of the nominal step 2⁻ᵏ. */
  readonly k: number;
  /** The step actually taken: ‖x − π‖₁/‖v‖₁ (the rounded point moves by a little more or less than 2⁻ᵏ). */
  readonly eps: number;
  /** The point x = (1 − 2⁻ᵏ)π + 2⁻ᵏp as stored. */
  readonly x: Float64Array;
  /** ‖(x − π) − ε·v‖₁/(ε‖v‖₁): how far rounding turned the direction (the quotient is trusted while ≤ 2⁻¹⁶). */
  readonly distortion: number;
  /** D_π(x|s). */
  readonly value: number;
  /** The drift's own rounding noise at x (`driftNoise`), plus its noise at π. */
  readonly noise: number;
  /** The difference quotient q = [D(x) − D(π)]/ε. */
  readonly quotient: number;
  /** Certified bound on the quotient's error: the noise over ε, and the direction's distortion. */
  readonly error: number;
  /** |q| > 8·error: the quotient is the drift's, not its rounding's. */
  readonly clean: boolean;
  /**
   * The step is small against π itself: direction distortion ≤ 2⁻¹⁶ and ε ≤ 2⁻¹⁰·min_{π_a > 0} π_a. Above that scale a
   * valid drift with a barrier (KL, Hellinger, χ² at a π with entries of 1e-12) still looks linear — its quadratic
   * regime starts only at ε ≈ min π_a — so only resolved steps speak about the limit.
   */
  readonly resolved: boolean;
}

/** What the difference quotients of D at π along v say about its one-sided directional derivative. */
export type DerivativeKind = 'zero' | 'nonzero' | 'infinite' | 'unknown';

export interface DirectionalDerivative {
  readonly kind: DerivativeKind;
  /** The extrapolated limit q₀ (`nonzero`, `zero` when a linear model fits), else the last clean quotient. */
  readonly limit: number;
  /** Half-width of the interval for q₀ (or the last quotient's error). */
  readonly limitError: number;
  /** The smallest step whose quotient the decision rests on. */
  readonly epsilon: number;
  readonly reason: string;
}

/** Halvings of the step: 2⁻¹ … 2⁻⁶⁰ (the scan stops earlier, where π + 2⁻ᵏv rounds back to π). */
const MAX_HALVINGS = 60;
/** Largest direction distortion at which a quotient still enters the derivative's analysis. */
export const DISTORTION_LIMIT = 2 ** -16;
/** Relative spread tolerated between successive extrapolates (model terms of order ε², far below it for ε ≤ 2⁻¹⁰). */
const EXTRAPOLATION_SPREAD = 1e-6;
/** Successive clean quotients must shrink at least this much per halving for `zero` (ε^0.15 or faster). */
const SHRINK_RATIO = 0.9;

/**
 * D_π(·|s) along the segment from π toward p at every representable step 2⁻ᵏ, k = 1 … 60: the points, the drift's
 * values, the local noise model and the difference quotients. Stops at the first step that rounds back to π.
 */
export function scanToward(drift: Drift, pi: Float64Array, p: Float64Array, ctx: DriftContext): ScanPoint[] {
  const A = pi.length;
  const v = new Float64Array(A);
  let vNorm = 0;
  for (let a = 0; a < A; a++) {
    v[a] = p[a] - pi[a];
    vNorm += Math.abs(v[a]);
  }
  if (vNorm === 0) return [];
  let piMin = 1;
  for (let a = 0; a < A; a++) if (pi[a] > 0) piMin = Math.min(piMin, pi[a]);
  const atPi = drift.value(pi, pi, ctx);
  const noiseAtPi = Number.isFinite(atPi) ? driftNoise(drift, pi, pi, ctx, atPi) : 0;
  const points: ScanPoint[] = [];
  for (let k = 1; k <= MAX_HALVINGS; k++) {
    const h = 2 ** -k;
    const x = new Float64Array(A);
    let moved = 0;
    for (let a = 0; a < A; a++) {
      x[a] = (1 - h) * pi[a] + h * p[a];
      moved += Math.abs(x[a] - pi[a]);
    }
    if (moved === 0) break;
    const eps = moved / vNorm;
    let off = 0;
    for (let a = 0; a < A; a++) off += Math.abs(x[a] - pi[a] - eps * v[a]);
    const distortion = off / moved;
    const value = drift.value(x, pi, ctx);
    const noise = (Number.isFinite(value) ? driftNoise(drift, x, pi, ctx, value) : 0) + noiseAtPi;
    const quotient = (value - atPi) / eps;
    const error =
      (noise + 4 * UNIT_ROUNDOFF * (Math.abs(value) + Math.abs(atPi))) / eps +
      Math.abs(quotient) * (4 * distortion + 4 * UNIT_ROUNDOFF);
    points.push({
      k,
      eps,
      x,
      distortion,
      value,
      noise,
      quotient,
      error,
      clean: Math.abs(quotient) > 8 * error,
      resolved: distortion <= DISTORTION_LIMIT && eps <= 2 ** -10 * piMin,
    });
  }
  return points;
}

/**
 * The one-sided directional derivative lim_{ε→0} [D(π + εv) − D(π)]/ε read from a scan (Kuba et al. 2022,
 * Definition 1: it must be 0), robustly to rounding and to a small linear term hidden under a large quadratic:
 * - `nonzero`: at the smallest steps whose quotients are clear of noise, q(ε) = q₀ + c·ε fits — three successive
 *   Richardson extrapolates (ε_a·q_b − ε_b·q_a)/(ε_a − ε_b) agree within their errors — and the interval for q₀
 *   excludes 0 (TV; 50·L2² + 0.003·L1 at ε ≈ 2⁻³⁰, where the quadratic still dominates every quotient);
 * - `infinite`: six or more successive clean quotients grow at every halving while D itself shrinks (‖v‖^0.9);
 * - `zero`: the last clean quotients shrink by ≥ 10 % per halving, to ≤ 2⁻⁸ of the largest, or sink into the noise —
 *   quotients that keep shrinking like O(ε^0.15) or faster (all powers ≥ 1.15, smooth drifts, kinks squared);
 * - `unknown` otherwise (ε/log(1/ε), ε^1.01: the limit is 0 but too slowly to confirm in double precision; or
 *   quotients drowned in the rounding of a drift that cancels large terms).
 * Only resolved steps enter (`ScanPoint.resolved`: the direction within 2⁻¹⁶ of v, about ε ≥ 2⁻³⁷ for entries of
 * order 1, and ε ≤ 2⁻¹⁰·min π_a); none at all is `unknown`.
 */
export function directionalDerivative(points: readonly ScanPoint[]): DirectionalDerivative {
  if (points.length === 0) {
    return { kind: 'zero', limit: 0, limitError: 0, epsilon: NaN, reason: 'no direction to move along' };
  }
  const usable = points.filter((p) => p.resolved && Number.isFinite(p.quotient));
  if (usable.length === 0) {
    return {
      kind: 'unknown',
      limit: NaN,
      limitError: NaN,
      epsilon: NaN,
      reason: 'π has entries too small for double precision to resolve steps below them (min π_a ≲ 2⁻²⁸)',
    };
  }
  return linearLimit(usable) ?? growingQuotients(usable) ?? shrinkingQuotients(usable);
}

const list = (ps: readonly ScanPoint[]) => ps.map((p) => p.quotient.toPrecision(4)).join(', ');

/**
 * A linear model q(ε) = q₀ + c·ε at the smallest clean steps: Richardson extrapolates of successive pairs, from the
 * end; `nonzero` when three agree and q₀ is clearly nonzero, null when the model fits with q₀ ≈ 0 or never fits.
 */
function linearLimit(usable: readonly ScanPoint[]): DirectionalDerivative | null {
  let largestQuotient = 0;
  for (const p of usable) if (p.clean) largestQuotient = Math.max(largestQuotient, Math.abs(p.quotient));
  const extrapolates: { at: number; value: number; error: number }[] = [];
  for (let i = 0; i + 1 < usable.length; i++) {
    const [a, b] = [usable[i], usable[i + 1]];
    if (!(a.clean && b.clean && b.k === a.k + 1)) continue;
    const d = a.eps - b.eps;
    extrapolates.push({
      at: i + 1,
      value: (a.eps * b.quotient - b.eps * a.quotient) / d,
      error: (a.eps * b.error + b.eps * a.error) / d,
    });
  }
  for (let j = extrapolates.length - 3; j >= 0; j--) {
    const w = extrapolates.slice(j, j + 3);
    if (w[2].at !== w[0].at + 2) continue;
    const spread = EXTRAPOLATION_SPREAD * Math.max(...w.map((e) => Math.abs(e.value)));
    const fits = w.every((e, i) => i === 0 || Math.abs(e.value - w[i - 1].value) <= e.error + w[i - 1].error + spread);
    if (!fits) continue;
    const q0 = w[2].value;
    const q0Error = Math.max(...w.map((e) => e.error)) * 2 + spread;
    const epsilon = usable[w[2].at].eps;
    if (Math.abs(q0) > 4 * q0Error && !contradictedBelow(usable, w[2].at, q0, q0Error)) {
      return {
        kind: 'nonzero',
        limit: q0,
        limitError: q0Error,
        epsilon,
        reason: `difference quotients fit q₀ + c·ε with q₀ = ${q0.toPrecision(6)} ± ${q0Error.toPrecision(2)} ≠ 0 at ε ≤ ${epsilon.toPrecision(3)}`,
      };
    }
    // The model fits with q₀ ≈ 0 at the smallest scale where it is resolved: a linear term, if any, is below
    // resolution. A fit too noisy to tell q₀ from 0 at this scale says nothing: look at larger steps.
    if (q0Error <= 2 ** -8 * largestQuotient) break;
  }
  return null;
}

/**
 * Whether the linear model fitted at `usable[at]` and the step before it, q(ε) = q₀ + c·ε, is contradicted by a finer
 * resolved quotient: one further from the model than its own error (8× the local noise, the clean threshold) plus the
 * fit's (q₀'s error, and c's from the two quotients that give it). A model must hold at every finer scale the drift resolves. Rounding the noise model does not see (a drift
 * whose values near π are whole ulps of an offset it subtracts, √(δ² + x²) − δ) can make three extrapolates agree on a
 * q₀ ≠ 0 at one scale; the quotients below then show what D really does there.
 */
function contradictedBelow(usable: readonly ScanPoint[], at: number, q0: number, q0Error: number): boolean {
  const [a, b] = [usable[at - 1], usable[at]];
  const c = (a.quotient - b.quotient) / (a.eps - b.eps);
  const cError = (a.error + b.error) / (a.eps - b.eps);
  for (let i = at + 1; i < usable.length; i++) {
    const p = usable[i];
    const predicted = q0 + c * p.eps;
    if (Math.abs(p.quotient - predicted) > 8 * p.error + q0Error + cError * p.eps) return true;
  }
  return false;
}

/** Six or more clean quotients growing at every halving while D shrinks: steeper than linear, `infinite`; else null. */
function growingQuotients(usable: readonly ScanPoint[]): DirectionalDerivative | null {
  let run = 1;
  for (let i = 1; i < usable.length; i++) {
    const [a, b] = [usable[i - 1], usable[i]];
    const grows =
      a.clean &&
      b.clean &&
      b.k === a.k + 1 &&
      Math.sign(a.quotient) === Math.sign(b.quotient) &&
      Math.abs(b.quotient) - b.error > Math.abs(a.quotient) + a.error &&
      Math.abs(b.value) < Math.abs(a.value);
    run = grows ? run + 1 : 1;
    if (run >= 6) {
      // Report from the end of the growing run onward.
      let end = i;
      while (end + 1 < usable.length && usable[end + 1].clean && usable[end + 1].quotient / b.quotient >= 1) end++;
      return {
        kind: 'infinite',
        limit: usable[end].quotient,
        limitError: usable[end].error,
        epsilon: usable[end].eps,
        reason: `difference quotients grow at every halving as ε → 0 (…, ${list(usable.slice(Math.max(0, end - 3), end + 1))}) while D → 0: the derivative is infinite`,
      };
    }
  }
  return null;
}

/** `zero` when the tail of clean quotients shrinks geometrically, to the noise or far below the largest; else `unknown`. */
function shrinkingQuotients(usable: readonly ScanPoint[]): DirectionalDerivative {
  const last = usable[usable.length - 1];
  const clean = usable.filter((p) => p.clean);
  const largest = Math.max(0, ...clean.map((p) => Math.abs(p.quotient)));
  if (clean.length === 0) {
    return {
      kind: 'zero',
      limit: last.quotient,
      limitError: last.error,
      epsilon: last.eps,
      reason: 'every difference quotient is within the drift’s rounding noise',
    };
  }
  const tail = clean.slice(-3);
  const shrinking = tail.every(
    (p, i) => i === 0 || Math.abs(p.quotient) <= SHRINK_RATIO * Math.abs(tail[i - 1].quotient),
  );
  const tailEnd = tail[tail.length - 1];
  const intoNoise = usable.some((p) => p.k > tailEnd.k && !p.clean);
  if (shrinking && (intoNoise || Math.abs(tailEnd.quotient) <= 2 ** -8 * largest)) {
    return {
      kind: 'zero',
      limit: tailEnd.quotient,
      limitError: tailEnd.error,
      epsilon: tailEnd.eps,
      reason: `difference quotients shrink toward 0 (…, ${list(tail)})`,
    };
  }
  return {
    kind: 'unknown',
    limit: tailEnd.quotient,
    limitError: tailEnd.error,
    epsilon: tailEnd.eps,
    reason: `difference quotients (…, ${list(clean.slice(-4))}) neither settle at a nonzero value nor shrink like O(ε): too slow to decide`,
  };
}
