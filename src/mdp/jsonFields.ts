import { InputError, showValue } from '../errors.js';
import { roundingGamma } from '../numeric/rounding.js';
import { SUM_TOLERANCE } from './tolerance.js';

/**
 * Field readers for validating parsed JSON: each names the field (with its index path) and the offending value in the
 * one-line error it throws, so `transition[3][1][0] = -0.1 is negative` tells a user exactly where to look.
 */

/** The value at `field` must be an array; with `length`, of exactly that many entries. */
export function readArray(value: unknown, field: string, length?: number, lengthWhy?: string): unknown[] {
  if (!Array.isArray(value)) throw new InputError(field, `expected an array, got ${showValue(value)}`);
  if (length !== undefined && value.length !== length) {
    throw new InputError(field, `has ${value.length} entries, expected ${length}${lengthWhy ? ` (${lengthWhy})` : ''}`);
  }
  return value;
}

/** The value at `field` must be a finite number. */
export function readFinite(value: unknown, field: string): number {
  if (typeof value !== 'number') throw new InputError(field, `${showValue(value)} is not a number`);
  if (!Number.isFinite(value)) throw new InputError(field, `${showValue(value)} is not finite`);
  return value;
}

/**
 * A probability row: finite, nonnegative entries summing to 1 within SUM_TOLERANCE, written renormalised into
 * `out[offset .. offset+length)`.
 */
export function readProbabilityRow(
  value: unknown,
  field: string,
  length: number,
  out: Float64Array,
  offset: number,
  lengthWhy?: string,
): void {
  const row = readArray(value, field, length, lengthWhy);
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const p = readFinite(row[i], `${field}[${i}]`);
    if (p < 0) throw new InputError(`${field}[${i}]`, `${p} is negative (a probability)`);
    out[offset + i] = p;
    sum += p;
  }
  if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) {
    throw new InputError(field, `sums to ${sum}, must sum to 1 within ${SUM_TOLERANCE}`);
  }
  // Renormalise only a defect beyond rounding (γ_length·1): rows already stochastic to rounding are kept bit for bit,
  // so that parse(write(mdp)) is the identity.
  if (Math.abs(sum - 1) > roundingGamma(length + 1)) for (let i = 0; i < length; i++) out[offset + i] /= sum;
}

/** An optional array of `length` strings. */
export function readNames(value: unknown, field: string, length: number): string[] | undefined {
  if (value === undefined) return undefined;
  const names = readArray(value, field, length);
  return names.map((n, i) => {
    if (typeof n !== 'string') throw new InputError(`${field}[${i}]`, `${showValue(n)} is not a string`);
    return n;
  });
}

/** The value must be a plain JSON object. */
export function readObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(field, `expected a JSON object, got ${showValue(value)}`);
  }
  return value as Record<string, unknown>;
}
