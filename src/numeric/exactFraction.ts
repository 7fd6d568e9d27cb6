import { fraction, type Fraction } from 'mathjs';

/**
 * The exact rational value of a double, as a mathjs Fraction (BigInt-backed). mathjs's `fraction(x)` of a number
 * approximates it by a continued fraction (0.1 → 1/10); this keeps every bit (0.1 → 3602879701896397/2⁵⁵), which is
 * what confirming a counterexample in exact arithmetic needs.
 */
export function exactFraction(x: number): Fraction {
  if (!Number.isFinite(x)) throw new RangeError(`exactFraction: ${x} is not finite`);
  let mantissa = x;
  let exponent = 0n;
  while (!Number.isInteger(mantissa)) {
    mantissa *= 2; // exact: a power-of-two scaling of a finite double below 2^53
    exponent += 1n;
  }
  return fraction(BigInt(mantissa), 2n ** exponent);
}
