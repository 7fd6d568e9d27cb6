import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { asBase, type Drift } from '../drifts/drift.js';
import { parseDriftSpec } from '../drifts/driftRegistry.js';
import { squaredL2Drift } from '../drifts/squaredL2Drift.js';
import { assessAgainstStaying, type StateProblem } from './stateProblem.js';

const pool: Drift[] = ['kl:1', 'l2:1', 'tv2:5', 'hellinger:1'].map((spec) => parseDriftSpec(spec));

/** φ(π) − φ(p) and φ(p), every term's drift evaluated on its own (the definition assessAgainstStaying keeps). */
function reference(problem: StateProblem, p: Float64Array): { loss: number; value: number } {
  const { g, pi } = problem;
  let top = -Infinity;
  for (const x of g) top = Math.max(top, x);
  if (!Number.isFinite(top)) top = 0;
  let loss = 0;
  let value = 0;
  for (let a = 0; a < p.length; a++) {
    value += p[a] * g[a];
    if (pi[a] !== p[a]) loss += (pi[a] - p[a]) * (g[a] - top);
  }
  for (const t of problem.terms) {
    if (t.coef === 0) continue;
    const dp = t.drift.value(p, pi, problem.ctx);
    value = dp === Infinity ? -Infinity : value - t.coef * dp;
    loss += t.coef * (dp - t.drift.value(pi, pi, problem.ctx));
  }
  return { loss: Number.isFinite(loss) ? loss : 0, value };
}

const row = (A: number) =>
  fc
    .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: A, maxLength: A })
    .filter((xs) => xs.some((x) => x > 0))
    .map((xs) => {
      const total = xs.reduce((u, v) => u + v, 0);
      return Float64Array.from(xs, (x) => x / total);
    });

describe('assessAgainstStaying', () => {
  test('equals every term evaluated on its own, bitwise, with drifts repeated next to each other and apart', () => {
    const cases = fc.integer({ min: 2, max: 5 }).chain((A) =>
      fc.record({
        g: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: A, maxLength: A }),
        pi: row(A),
        p: row(A),
        terms: fc.array(
          fc.record({
            drift: fc.integer({ min: 0, max: pool.length - 1 }),
            coef: fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 50, noNaN: true })),
          }),
          { minLength: 1, maxLength: 5 },
        ),
      }),
    );
    fc.assert(
      fc.property(cases, ({ g, pi, p, terms }) => {
        const problem: StateProblem = {
          g: Float64Array.from(g),
          pi,
          ctx: { state: 0, q: Float64Array.from(g), advantage: Float64Array.from(g), gamma: 0.9 } as never,
          terms: terms.map((t) => ({ drift: pool[t.drift], coef: t.coef })),
        };
        const { loss, value } = assessAgainstStaying(problem, p);
        const expected = reference(problem, p);
        expect(loss).toBe(expected.loss);
        expect(value).toBe(expected.value);
      }),
      { numRuns: 300 },
    );
  });

  test('a drift repeated in consecutive terms (a drift ball, a KL ball beside KL) is evaluated once per row', () => {
    let calls = 0;
    const counting = asBase({
      ...squaredL2Drift,
      name: 'counting-l2',
      value: (piBar: Float64Array, pi: Float64Array) => {
        calls += 1;
        return squaredL2Drift.value(piBar, pi, undefined as never);
      },
    });
    const problem: StateProblem = {
      g: Float64Array.of(1, 0, 2),
      pi: Float64Array.of(0.2, 0.3, 0.5),
      ctx: undefined as never,
      terms: [
        { drift: counting, coef: 1 },
        { drift: counting, coef: 0.5 },
        { drift: counting, coef: 2 },
      ],
    };
    const p = Float64Array.of(0.1, 0.2, 0.7);
    const { value } = assessAgainstStaying(problem, p);
    expect(calls).toBe(2); // D(p) and D(π), once each
    const d = squaredL2Drift.value(p, problem.pi, undefined as never);
    expect(value).toBe(0.1 * 1 + 0.2 * 0 + 0.7 * 2 - 1 * d - 0.5 * d - 2 * d);
  });
});
