import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { bracketRoot } from './bracketRoot.js';
import { scaleFreeRoot } from './scaleFreeRoot.js';

describe('bracketRoot', () => {
  test('brackets the root of smooth, step and infinite-valued nonincreasing functions to adjacent doubles', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.constantFrom('smooth', 'step', 'barrier'),
        (r, kind) => {
          const f =
            kind === 'smooth'
              ? (x: number) => r - x - 0.1 * (x - r) ** 3
              : kind === 'step'
                ? (x: number) => (x <= r ? 1 : -1)
                : (x: number) => (x < -200 ? Infinity : r - x);
          const b = bracketRoot(f, -300, 300);
          expect(b.lo).toBeLessThanOrEqual(r);
          expect(b.hi).toBeGreaterThanOrEqual(kind === 'step' ? r : r - 1e-12);
          expect(b.hi - b.lo).toBeLessThanOrEqual(4 * Number.EPSILON * (1 + Math.abs(r)) + 1e-300);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('scaleFreeRoot', () => {
  test('finds roots from 1e-300 to 1 to relative precision on [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: -300, max: 0 }), fc.double({ min: 1, max: 9.99, noNaN: true }), (e, m) => {
        const r = m * 10 ** e;
        const b = scaleFreeRoot((x) => Math.log(r) - Math.log(x), 0, 10);
        // The computed f carries an absolute error of about 2|log r|·ε in log x, so its root is only defined to a
        // relative (4 + 2|log r|)·ε: that is the precision to ask for, not a tolerance chosen to pass.
        expect(Math.abs(b.lo - r)).toBeLessThanOrEqual((4 + 2 * Math.abs(Math.log(r))) * Number.EPSILON * r);
      }),
      { numRuns: 300 },
    );
  });
  test('handles roots on either side of 0 and exactly at 0', () => {
    expect(scaleFreeRoot((x) => -x, -1, 1)).toMatchObject({ lo: 0, hi: 0 });
    const neg = scaleFreeRoot((x) => -1e-200 - x, -1, 1);
    expect(Math.abs(neg.lo + 1e-200)).toBeLessThanOrEqual(8 * Number.EPSILON * 1e-200);
  });
});
