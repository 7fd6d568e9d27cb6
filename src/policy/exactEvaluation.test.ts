import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { exactFraction as f } from '../numeric/exactFraction.js';
import { mdpArbitrary } from '../mdp/arbitraries/mdpArbitrary.js';
import { policyArbitrary } from '../mdp/arbitraries/policyArbitrary.js';
import { PolicyEvaluator } from './evaluatePolicy.js';
import { evaluateExactly, solveExact } from './exactEvaluation.js';

describe('solveExact (fraction-free elimination)', () => {
  test('M x = b holds exactly, with pivoting, negative entries and large denominators', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }).chain((n) =>
          fc.tuple(
            fc.array(fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: n, maxLength: n }), {
              minLength: n,
              maxLength: n,
            }),
            fc.array(fc.double({ min: -4, max: 4, noNaN: true }), { minLength: n, maxLength: n }),
          ),
        ),
        ([rows, rhs]) => {
          const n = rhs.length;
          // Strictly diagonally dominant (so nonsingular; a zero off the diagonal keeps it so), then rows rotated by
          // one with a zero in the first pivot position, so the elimination must swap rows.
          const dominant = rows.map((r, i) => r.map((x, j) => f(i === j ? 10 * n : i === 1 && j === 0 ? 0 : x)));
          const m = dominant.map((_, i) => dominant[(i + 1) % n]);
          const b = rhs.map((_, i) => f(rhs[(i + 1) % n]));
          const x = solveExact(m, b);
          for (let i = 0; i < n; i++) {
            let acc = f(0);
            for (let j = 0; j < n; j++) acc = acc.add(m[i][j].mul(x[j]));
            expect(acc.equals(b[i]), `row ${i}`).toBe(true);
          }
        },
      ),
      { numRuns: 60, seed: 3 },
    );
  });

  test('a singular system is refused', () => {
    expect(() =>
      solveExact(
        [
          [f(1), f(2)],
          [f(2), f(4)],
        ],
        [f(1), f(2)],
      ),
    ).toThrow(/singular/);
  });
});

describe('evaluateExactly', () => {
  test('agrees with the LU evaluator within its certified error bounds (MDPs up to 12 states)', () => {
    fc.assert(
      fc.property(
        mdpArbitrary({ maxStates: 12, maxActions: 4 }).chain((mdp) =>
          fc.tuple(fc.constant(mdp), policyArbitrary(mdp.numStates, mdp.numActions)),
        ),
        ([mdp, pi]) => {
          const exact = evaluateExactly(mdp, pi);
          const approx = new PolicyEvaluator(mdp).evaluate(pi);
          for (let s = 0; s < mdp.numStates; s++) {
            const bound = approx.errorBound.v + exact.errorBound.v;
            expect(Math.abs(exact.v[s] - approx.v[s])).toBeLessThanOrEqual(bound);
          }
          expect(Math.abs(exact.eta - approx.eta)).toBeLessThanOrEqual(approx.errorBound.eta + exact.errorBound.eta);
        },
      ),
      { numRuns: 40, seed: 5 },
    );
  });
});
