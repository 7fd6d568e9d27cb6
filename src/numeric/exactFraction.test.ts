import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { exactFraction } from './exactFraction.js';

describe('exactFraction', () => {
  test('keeps every bit of 0.1', () => {
    expect(exactFraction(0.1).d).toBe(2n ** 55n);
    expect(exactFraction(0.1).n).toBe(3602879701896397n);
  });
  test('round-trips doubles of moderate magnitude, and orders any two doubles as they are ordered', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e12, max: 1e12, noNaN: true }).filter((x) => x === 0 || Math.abs(x) > 1e-250),
        (x) => {
          expect(exactFraction(x).valueOf()).toBe(x === 0 ? 0 : x);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (x, y) => {
          expect(exactFraction(x).compare(exactFraction(y))).toBe(Math.sign(x - y) || (x === y ? 0 : Math.sign(x - y)));
        },
      ),
    );
  });
});

test('fractionToNumber handles numerators and denominators beyond 2^1024', async () => {
  const { fractionToNumber } = await import('./exactFraction.js');
  const { fraction } = await import('mathjs');
  expect(fractionToNumber(fraction(3n, 7n))).toBe(3 / 7);
  expect(fractionToNumber(fraction(-1n, 3n))).toBe(-1 / 3);
  const big = 10n ** 400n;
  expect(fractionToNumber(fraction(big * 3n + 1n, big * 7n))).toBeCloseTo(3 / 7, 15);
  expect(fractionToNumber(fraction(1n, 2n ** 1070n))).toBe(2 ** -1070);
  expect(fractionToNumber(fraction(0n, 1n))).toBe(0);
});
