import type { Drift, DriftContext } from '../mirror/drifts/drift.js';
import { driftNoise } from '../mirror/drifts/driftNumerics.js';
import { roundingAllowance, UNIT_ROUNDOFF } from '../numeric/rounding.js';

/** One row of a policy at one state, with the drift's value there and its rounding noise (`driftNoise`). */
export interface RowPoint {
  readonly row: Float64Array;
  readonly value: number;
  readonly noise: number;
}

/** A row with D_π(row|s) and its noise (0 where D is infinite). */
export function rowPoint(drift: Drift, row: Float64Array, pi: Float64Array, ctx: DriftContext): RowPoint {
  const value = drift.value(row, pi, ctx);
  return { row, value, noise: Number.isFinite(value) ? driftNoise(drift, row, pi, ctx, value) : 0 };
}

/**
 * φ_s(x) − φ_s(y) for the state's mirror objective φ_s(p) = ⟨p, Q_s⟩ − w·D_π(p|s) (w = (ν/β)(s); Kuba et al. 2022,
 * Section 3.1), from differences — Σ_a (x_a − y_a)·Q_a and w·(D(x) − D(y)) — so that rows equal up to rounding give their
 * true tiny difference. Its certified error: Q's error on the mass moved, the rows' sum defect times max|Q| (a row of
 * doubles that holds more than unit mass "gains" its excess), the drifts' noise and the rounding of the sums.
 * `gain` is −∞ when D(x) is +∞ (x is no competitor) and +∞ when only D(y) is.
 */
export function rowGain(
  q: Float64Array,
  errorQ: number,
  weight: number,
  x: RowPoint,
  y: RowPoint,
): { gain: number; error: number } {
  const A = q.length;
  let linear = 0;
  let moved = 0;
  let mag = 0;
  let mass = 0;
  let qMax = 0;
  for (let a = 0; a < A; a++) {
    const d = x.row[a] - y.row[a];
    linear += d * q[a];
    moved += Math.abs(d);
    mag += Math.abs(d * q[a]);
    mass += d;
    qMax = Math.max(qMax, Math.abs(q[a]));
  }
  const base = moved * errorQ + Math.abs(mass) * (qMax + errorQ);
  if (weight === 0) return { gain: linear, error: base + roundingAllowance(A + 1, mag) };
  if (x.value === Infinity) return { gain: -Infinity, error: 0 };
  if (y.value === Infinity) return { gain: Infinity, error: 0 };
  const penalty = weight * (x.value - y.value);
  return {
    gain: linear - penalty,
    error:
      base +
      weight * (x.noise + y.noise) +
      roundingAllowance(A + 4, mag + weight * (Math.abs(x.value) + Math.abs(y.value))),
  };
}

/**
 * The rounding resolution of the state's objective at a row: (A + 4)·u·(Σ_a p_a|Q_a| + w·|D(p)|) + 4u·max_a p_a·
 * (max_a Q_a − min_a Q_a). No argmax computed in double precision is sharper than the rounding of φ_s itself, nor than
 * the row it is stored in: the largest entry moves only in steps of its ulp (≤ 2u·max p), and mass moved by that much
 * between two actions changes ⟨p, Q⟩ by up to the spread of Q. (A χ² row (1, 3.3e-13) with Q = (3.7e-16, 0.001) has
 * its exact argmax 1.7e-16 away, between two representable rows; a solver returning the old row loses 7.4e-20 while
 * the first term is 8e-31. ×10 run, seed 31337.) So a competitor that beats a solver's row by less than this is no
 * evidence against the solver, certified or not (a closed form's gap 0 is exact only up to it).
 */
export function objectiveResolution(q: Float64Array, weight: number, p: RowPoint): number {
  const A = q.length;
  let mag = 0;
  let pMax = 0;
  let qMin = Infinity;
  let qMax = -Infinity;
  for (let a = 0; a < A; a++) {
    mag += Math.abs(p.row[a] * q[a]);
    pMax = Math.max(pMax, p.row[a]);
    qMin = Math.min(qMin, q[a]);
    qMax = Math.max(qMax, q[a]);
  }
  const penalty = weight === 0 || !Number.isFinite(p.value) ? 0 : weight * Math.abs(p.value);
  const storage = A > 1 ? 4 * UNIT_ROUNDOFF * pMax * (qMax - qMin) : 0;
  return (A + 4) * UNIT_ROUNDOFF * (mag + penalty) + storage;
}
