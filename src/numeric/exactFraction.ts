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

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/**
 * The double nearest (within 2u relative, plus underflow) to a Fraction of any size. `Fraction.valueOf()` divides
 * Number(n) by Number(d), which is NaN once both exceed 2¹⁰²⁴ (exact evaluations of long discounted chains do);
 * this takes a 64-bit quotient of the BigInts and scales it by a power of two.
 */
export function fractionToNumber(x: Fraction): number {
  const n = BigInt(x.n as unknown as bigint);
  const d = BigInt(x.d as unknown as bigint);
  if (n === 0n) return 0;
  const k = bitLength(n) - bitLength(d) - 64;
  const q = k >= 0 ? n / (d << BigInt(k)) : (n << BigInt(-k)) / d;
  const magnitude = Number(q) * 2 ** k;
  // 2^k can overflow or underflow for extreme k: split the scaling in two.
  const value =
    Number.isFinite(magnitude) && magnitude !== 0
      ? magnitude
      : Number(q) * 2 ** Math.trunc(k / 2) * 2 ** (k - Math.trunc(k / 2));
  return Number(x.s) < 0 ? -value : value;
}
