import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { barrierMaximize, forwardKlDrift, klLinearMaximize } from './forwardKlDrift.js';

/** ⟨p, g⟩ − c·KL(π‖p). */
function phi(g: Float64Array, pi: Float64Array, c: number, p: Float64Array): number {
  let v = 0;
  for (let a = 0; a < g.length; a++) v += p[a] * g[a];
  return v - c * forwardKlDrift.value(p, pi);
}

/** Rewards with ties at the maximum, spread over magnitudes; π with tiny (down to 1e-250) and ordinary entries. */
const problems = fc
  .record({
    g: fc.array(
      fc.oneof(fc.constant(50), fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.integer({ min: -3, max: 3 })),
      {
        minLength: 2,
        maxLength: 6,
      },
    ),
    w: fc.array(fc.oneof(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.constantFrom(1e-30, 1e-120, 1e-250)), {
      minLength: 6,
      maxLength: 6,
    }),
    logC: fc.double({ min: -8, max: 4, noNaN: true }),
  })
  .map(({ g, w, logC }) => {
    const weights = w.slice(0, g.length);
    const total = weights.reduce((x, y) => x + y, 0);
    return { g: Float64Array.from(g), pi: Float64Array.from(weights, (x) => x / total), c: 10 ** logC };
  });

describe('klLinearMaximize (the KL maximiser in linear space)', () => {
  test('agrees with the log-space solver: the same row to 1e-9, an objective no lower beyond rounding', () => {
    let taken = 0;
    let ordinary = 0;
    fc.assert(
      fc.property(problems, ({ g, pi, c }) => {
        const fast = new Float64Array(g.length);
        const reference = new Float64Array(g.length);
        barrierMaximize(g, pi, reference, Math.log(c), -1, c);
        const normal = pi.every((x) => x >= 1e-200);
        if (normal) ordinary += 1;
        if (!klLinearMaximize(g, pi, fast, c)) return;
        if (normal) taken += 1;
        expect(fast.every((x) => x > 0)).toBe(true);
        expect(Math.abs(fast.reduce((x, y) => x + y, 0) - 1)).toBeLessThan(1e-14);
        for (let a = 0; a < g.length; a++) {
          expect(Math.abs(fast[a] - reference[a])).toBeLessThanOrEqual(1e-9 * reference[a] + 1e-15);
        }
        const scale = c + Math.max(...Array.from(g, Math.abs));
        expect(phi(g, pi, c, fast)).toBeGreaterThanOrEqual(phi(g, pi, c, reference) - 8 * Number.EPSILON * scale);
      }),
      { numRuns: 2000 },
    );
    // The common path must be taken, or it speeds up nothing.
    expect(taken).toBeGreaterThan(0.9 * ordinary);
  });

  test('tied maxima where the first holds almost no mass: starts from their joint mass, not the first one’s', () => {
    // The first version started Newton at c·π_0 = 4e-186: its step overflowed and it returned p_2 = 1 (φ 199 too low).
    const g = Float64Array.from([50, -0.1928123314504375, 50, 7.138607939929518]);
    const pi = Float64Array.from([
      3.8520221187164385e-188, 0.5075439942695963, 0.3032242907011912, 0.18923171502921246,
    ]);
    const c = 99.25864863460342;
    const fast = new Float64Array(4);
    const reference = new Float64Array(4);
    barrierMaximize(g, pi, reference, Math.log(c), -1, c);
    expect(klLinearMaximize(g, pi, fast, c)).toBe(true);
    for (let a = 0; a < 4; a++) expect(Math.abs(fast[a] - reference[a])).toBeLessThanOrEqual(1e-12 * reference[a]);
  });

  test('leaves what it cannot resolve to the log-space solver: support dropped, subnormal mass', () => {
    const out = new Float64Array(3);
    expect(klLinearMaximize(Float64Array.from([1, 0, 2]), Float64Array.from([0, 0.5, 0.5]), out, 1)).toBe(false);
    expect(klLinearMaximize(Float64Array.from([1, 0, 2]), Float64Array.from([1e-310, 0.5, 0.5]), out, 1)).toBe(false);
    // Found by review: a part that underflows to 0 beside a row summing to 1 left p_1 = 0 (KL = ∞, gap 0).
    const two = new Float64Array(2);
    expect(klLinearMaximize(Float64Array.from([0, -1e40]), Float64Array.from([1, 1e-290]), two, 1)).toBe(false);
    forwardKlDrift.maximize(Float64Array.from([0, -1e40]), 1, Float64Array.from([1, 1e-290]), undefined, two);
    expect(two[1]).toBeGreaterThan(0);
  });
});
