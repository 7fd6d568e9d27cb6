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
