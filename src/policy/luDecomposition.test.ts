import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LU_BLOCK, luFactor, luSolve, luSolveTransposed } from './luDecomposition.js';

/** ‖M·x − b‖∞ for row-major M. */
function residual(m: Float64Array, n: number, x: Float64Array, b: Float64Array, transposed: boolean): number {
  let max = 0;
  for (let i = 0; i < n; i++) {
    let acc = -b[i];
    for (let j = 0; j < n; j++) acc += (transposed ? m[j * n + i] : m[i * n + j]) * x[j];
    max = Math.max(max, Math.abs(acc));
  }
  return max;
}

describe('luFactor / luSolve / luSolveTransposed', () => {
  test('solve a system that needs row swaps (zero leading pivot)', () => {
    const m = Float64Array.from([0, 1, 2, 1, 0, 3, 4, -3, 8]);
    const lu = Float64Array.from(m);
    const perm = new Int32Array(3);
    expect(luFactor(lu, 3, perm)).toBe(true);
    expect(Array.from(perm)).not.toEqual([0, 1, 2]);
    const b = Float64Array.from([1, 2, 3]);
    const x = new Float64Array(3);
    const work = new Float64Array(3);
    luSolve(lu, 3, perm, b, x, work);
    expect(residual(m, 3, x, b, false)).toBeLessThan(1e-14);
    luSolveTransposed(lu, 3, perm, b, x, work);
    expect(residual(m, 3, x, b, true)).toBeLessThan(1e-14);
  });

  test('report a singular matrix', () => {
    const lu = Float64Array.from([1, 2, 2, 4]);
    expect(luFactor(lu, 2, new Int32Array(2))).toBe(false);
  });

  // Sizes straddle the block size so that the blocked and the remainder paths both run.
  test('solve random well-conditioned systems of every size around the block', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 * LU_BLOCK + 3 }),
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1200, maxLength: 1200 }),
        (n, entries) => {
          const m = new Float64Array(n * n);
          for (let i = 0; i < n * n; i++) m[i] = entries[i % entries.length];
          for (let i = 0; i < n; i++) m[i * n + i] += 2 * n; // strictly diagonally dominant: well conditioned
          const b = Float64Array.from({ length: n }, (_, i) => entries[(i * 7) % entries.length]);
          const lu = Float64Array.from(m);
          const perm = new Int32Array(n);
          expect(luFactor(lu, n, perm)).toBe(true);
          const x = new Float64Array(n);
          const work = new Float64Array(n);
          luSolve(lu, n, perm, b, x, work);
          expect(residual(m, n, x, b, false)).toBeLessThan(1e-12 * n);
          luSolveTransposed(lu, n, perm, b, x, work);
          expect(residual(m, n, x, b, true)).toBeLessThan(1e-12 * n);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('pivot on random general matrices (no dominance)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 20 }),
        fc.array(fc.integer({ min: -9, max: 9 }), { minLength: 400, maxLength: 400 }),
        (n, entries) => {
          const m = Float64Array.from({ length: n * n }, (_, i) => entries[i]);
          const lu = Float64Array.from(m);
          const perm = new Int32Array(n);
          if (!luFactor(lu, n, perm)) return; // singular integer matrices do occur
          let growth = 0;
          for (const x of lu) growth = Math.max(growth, Math.abs(x));
          const b = Float64Array.from({ length: n }, (_, i) => i - n / 2);
          const x = new Float64Array(n);
          luSolve(lu, n, perm, b, x, new Float64Array(n));
          let xMax = 0;
          for (const v of x) xMax = Math.max(xMax, Math.abs(v));
          // Backward-stable: residual ≲ n·u·‖L‖‖U‖‖x‖ (Higham Thm 9.4), with |L| ≤ 1 under partial pivoting.
          expect(residual(m, n, x, b, false)).toBeLessThanOrEqual(8 * n * n * 2 ** -53 * growth * (xMax + 1) * 10);
        },
      ),
      { numRuns: 60 },
    );
  });
});
