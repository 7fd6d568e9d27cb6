import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { DriftContext } from '../drifts/drift.js';
import { forwardKlDrift } from '../drifts/forwardKlDrift.js';
import { squaredL2Drift } from '../drifts/squaredL2Drift.js';
import { totalVariationDistance } from '../drifts/totalVariationDistance.js';
import { predictedStart, quadraticRootDraft, quadraticRootStateSolve } from './quadraticRootStateSolver.js';
import { separableKktSolve } from './separableStateSolver.js';
import { gridBest } from './simplexGrid.testkit.js';
import { stateObjective, type StateProblem } from './stateProblem.js';

const ctx: DriftContext = { state: 0, advantage: new Float64Array(5), maxAbsAdvantage: 1, gamma: 0.9 };

/** c·L2² + k·TV + m·KL(π‖·) problems, π interior, on the boundary, or with tiny (also subnormal) entries. */
const problems = fc
  .record({
    A: fc.integer({ min: 2, max: 5 }),
    g: fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -50, max: 50, noNaN: true })), {
      minLength: 5,
      maxLength: 5,
    }),
    w: fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom(1e-30, 3.2e-321)), {
      minLength: 5,
      maxLength: 5,
    }),
    c: fc.constantFrom(0, 0.01, 1, 50),
    k: fc.constantFrom(0, 0.3, 4),
    m: fc.constantFrom(0, 0.05, 1, 30),
  })
  .map(({ A, g, w, c, k, m }): StateProblem => {
    const weights = w.slice(0, A);
    if (!weights.some((x) => x !== 0)) weights[0] = 1;
    const total = weights.reduce((x, y) => x + y, 0);
    const terms = [
      { drift: squaredL2Drift, coef: c },
      { drift: totalVariationDistance, coef: k },
      { drift: forwardKlDrift, coef: m },
    ];
    return { g: Float64Array.from(g.slice(0, A)), pi: Float64Array.from(weights, (x) => x / total), ctx, terms };
  });

describe('quadraticRootStateSolve', () => {
  test('matches the general separable KKT solver, with an honest certificate, and takes ordinary problems', () => {
    let taken = 0;
    let asked = 0;
    fc.assert(
      fc.property(problems, (problem) => {
        const fast = quadraticRootStateSolve(problem);
        const general = separableKktSolve(problem);
        const scale = 1 + Math.max(...Array.from(problem.g, Math.abs));
        // Ordinary: every action's problem strictly concave (an L2 term, or a KL barrier on every action) and π without
        // subnormal entries (with them, m·π_a and the barrier's slope carry only a few bits; those problems are taken
        // when certified — over half of them — and checked for honesty like the rest).
        const ordinary =
          !problem.pi.some((x) => x > 0 && x < 2 ** -1022) &&
          (problem.terms[0].coef > 0 || problem.pi.every((x) => x > 0 && problem.terms[2].coef > 0));
        if (ordinary) asked += 1;
        if (fast === null) return;
        if (ordinary) taken += 1;
        expect(Math.abs(fast.p.reduce((x, y) => x + y, 0) - 1)).toBeLessThan(1e-12);
        expect(fast.p.every((x) => x >= 0)).toBe(true);
        expect(fast.value).toBe(stateObjective(problem, fast.p));
        // Honest: no feasible point (the general solver's, or π) beats the fast one by more than its gap.
        expect(general.value).toBeLessThanOrEqual(fast.value + fast.gap + 1e-12 * scale);
        expect(stateObjective(problem, problem.pi)).toBeLessThanOrEqual(fast.value + fast.gap + 1e-12 * scale);
        // The solver's own threshold: 1e-13 of the problem's scale, which includes the penalty coefficients.
        const coefs = problem.terms.reduce((sum, t) => sum + t.coef, 0);
        expect(fast.gap).toBeLessThanOrEqual(1e-13 * (scale + coefs));
        if (problem.g.length <= 3) expect(gridBest(problem)).toBeLessThanOrEqual(fast.value + fast.gap + 1e-12 * scale);
      }),
      { numRuns: 600 },
    );
    // The fast path is the common path: it must take (nearly) every ordinary problem, or it checks nothing.
    expect(taken).toBeGreaterThan(0.9 * asked);
  });

  test('declines what it cannot solve: another drift, a linear piece', () => {
    const g = Float64Array.from([1, 0, 2]);
    const pi = Float64Array.from([0.2, 0.3, 0.5]);
    const unknownDrift = { ...forwardKlDrift, family: undefined, name: 'other' };
    expect(quadraticRootStateSolve({ g, pi, ctx, terms: [{ drift: unknownDrift, coef: 1 }] })).toBeNull();
    // KL where π has a zero and no L2 term: that action's piece is linear, its maximiser jumps.
    const boundary = Float64Array.from([0, 0.5, 0.5]);
    expect(quadraticRootStateSolve({ g, pi: boundary, ctx, terms: [{ drift: forwardKlDrift, coef: 1 }] })).toBeNull();
  });

  test('a KL barrier that underflows (m·π_a = 0 for π_a = 5e-324, no L2 term) is a step in δ: taken, honest, p_a > 0', () => {
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 3 }),
        fc.constantFrom(0, 0.3, 4),
        fc.constantFrom(0.05, 0.3, 0.5),
        fc.integer({ min: 0, max: 3 }),
        (gs, w, k, m, at) => {
          runs += 1;
          const total = w.reduce((x, y) => x + y, 0);
          const weights = w.map((x) => x / total);
          weights.splice(at, 0, Number.MIN_VALUE);
          const pi = Float64Array.from(weights);
          expect(m * pi[at]).toBe(0); // the barrier underflows
          const terms = [
            { drift: totalVariationDistance, coef: k },
            { drift: forwardKlDrift, coef: m },
          ];
          const problem: StateProblem = { g: Float64Array.from(gs), pi, ctx, terms };
          const fast = quadraticRootStateSolve(problem);
          if (fast === null) return;
          taken += 1;
          expect(fast.p.every((x) => x > 0)).toBe(true); // KL(π‖p) finite
          expect(Math.abs(fast.p.reduce((x, y) => x + y, 0) - 1)).toBeLessThan(1e-12);
          expect(fast.value).toBe(stateObjective(problem, fast.p));
          expect(fast.gap).toBeLessThanOrEqual(1e-13 * (6 + k + m));
          const general = separableKktSolve(problem);
          expect(general.value).toBeLessThanOrEqual(fast.value + fast.gap + 1e-12 * 6);
          expect(stateObjective(problem, pi)).toBeLessThanOrEqual(fast.value + fast.gap + 1e-12 * 6);
          // The step action's best point is all the mass the others leave: p_at = 1 − Σ others on a grid along it.
          for (let i = 0; i <= 200; i++) {
            const q = Float64Array.from(fast.p, (x, a) => (a === at ? 0 : x));
            const rest = q.reduce((x, y) => x + y, 0);
            const t = i / 200;
            for (let a = 0; a < q.length; a++)
              q[a] = a === at ? Math.max(Number.MIN_VALUE, t) : (q[a] * (1 - t)) / rest;
            expect(stateObjective(problem, q)).toBeLessThanOrEqual(fast.value + fast.gap + 1e-12 * 6);
          }
        },
      ),
      { numRuns: 300 },
    );
    // Before, every such problem went to the general solver (~20× slower per solve).
    expect(taken).toBeGreaterThan(0.9 * runs);
  });

  test('TV alone (the κ-decomposition at μ = 0) is the linear programme: the best action takes every action more than k below it, exactly', () => {
    fc.assert(
      fc.property(problems, fc.constantFrom(0.3, 1, 4, 20), (problem, k) => {
        const tvOnly = { ...problem, terms: [{ drift: totalVariationDistance, coef: k }] };
        const sol = quadraticRootStateSolve(tvOnly)!;
        expect(sol).not.toBeNull();
        const scale = 1 + Math.max(...Array.from(problem.g, Math.abs));
        expect(sol.gap).toBeLessThanOrEqual(1e-13 * (scale + k)); // the rounding of the dual bound, ~8u·k per action
        expect(separableKktSolve(tvOnly).value).toBeLessThanOrEqual(sol.value + sol.gap + 1e-12 * scale);
        if (problem.g.length <= 3) expect(gridBest(tvOnly)).toBeLessThanOrEqual(sol.value + sol.gap + 1e-12 * scale);
      }),
      { numRuns: 300 },
    );
    const sol = quadraticRootStateSolve({
      g: Float64Array.from([1, 0, 2.5]),
      pi: Float64Array.from([0.2, 0.3, 0.5]),
      ctx,
      terms: [{ drift: totalVariationDistance, coef: 2 }],
    })!;
    // Action 1 is 2.5 below the best (> k = 2): its mass moves; action 0 is 1.5 below: it stays.
    expect(Array.from(sol.p)).toEqual([0.2, 0, 0.8]);
    expect(sol.gap).toBeLessThan(1e-14);
  });

  test('L2² + KL: the returned row satisfies the KKT stationarity condition', () => {
    const g = Float64Array.from([1, 0]);
    const pi = Float64Array.from([0.5, 0.5]);
    const sol = quadraticRootStateSolve({
      g,
      pi,
      ctx,
      terms: [
        { drift: squaredL2Drift, coef: 1 },
        { drift: forwardKlDrift, coef: 1 },
      ],
    })!;
    // Stationarity: g_a − 2(p_a − π_a) + π_a/p_a equal across actions.
    const s = (a: number) => g[a] - 2 * (sol.p[a] - pi[a]) + pi[a] / sol.p[a];
    expect(Math.abs(s(0) - s(1))).toBeLessThan(1e-12);
    expect(sol.p[0]).toBeGreaterThan(0.5);
  });

  test('a draft (a probe that only steers) is the row the certified solve finds from the same start, and leaves its δ', () => {
    let compared = 0;
    fc.assert(
      fc.property(problems, fc.constantFrom(NaN, 0.5, -3), (problem, guess) => {
        const draftWarm = { delta: guess };
        const draft = quadraticRootDraft({ ...problem, warm: draftWarm });
        const fullWarm = { delta: guess };
        const full = quadraticRootStateSolve({ ...problem, warm: fullWarm });
        if (full === null || draft === null) return; // declined, or TV alone (a closed form, not drafted)
        // From no guess, the same search; from a guess, the full solve searches again cold where the warm root does
        // not certify (a draft keeps it: it only steers), so the rows agree wherever the δ do.
        if (Number.isNaN(guess)) expect(draftWarm.delta).toBe(fullWarm.delta);
        if (draftWarm.delta !== fullWarm.delta) return;
        compared += 1;
        expect(draft).toEqual(full.p); // bitwise: the same roots, the same normalisation
      }),
      { numRuns: 400 },
    );
    expect(compared).toBeGreaterThan(200);
    // It declines what the roots do not solve (the full solve declines those too).
    const linear: StateProblem = {
      g: Float64Array.from([1, 0]),
      pi: Float64Array.from([0, 1]),
      ctx,
      terms: [{ drift: totalVariationDistance, coef: 0.3 }],
    };
    expect(quadraticRootDraft(linear)).toBeNull();
  });

  test('a warm start (the same state’s δ at the last probe, or any guess) gives the cold row, certified', () => {
    let searched = 0;
    fc.assert(
      fc.property(
        problems,
        fc.oneof(fc.constantFrom(NaN, 0, -1e300, 1e300, Infinity), fc.double({ min: -100, max: 100, noNaN: true })),
        fc.double({ min: -0.5, max: 0.5, noNaN: true }),
        (problem, guess, nearby) => {
          const cold = quadraticRootStateSolve(problem);
          const warm = { delta: NaN };
          const first = quadraticRootStateSolve({ ...problem, warm });
          if (cold === null) {
            expect(first).toBeNull();
            return;
          }
          expect(first!.p).toEqual(cold.p); // no guess yet: the cold search itself
          const delta = warm.delta;
          if (!Number.isFinite(delta)) return; // TV alone: a closed form, no δ to search
          searched += 1;
          const scale = 1 + Math.max(...Array.from(problem.g, Math.abs));
          for (const start of [guess, delta * (1 + nearby), delta + nearby]) {
            const again = quadraticRootStateSolve({ ...problem, warm: { delta: start } });
            // Taken whenever the cold search is: a warm root that does not certify (Σx(δ) = 1 to rounding over a whole
            // interval of δ beside an entry of π near underflow: π = (½, ½, 1.6e-291) stopped where the dual bound was
            // 0.0055 loose) is searched again cold.
            expect(again).not.toBeNull();
            expect(again!.gap).toBeLessThanOrEqual(1e-13 * (scale + 100));
            // The same optimum: to its certificate (both are within the gap of φ*), and the row itself to rounding
            // wherever the problem is strictly concave.
            expect(Math.abs(stateObjective(problem, again!.p) - cold.value)).toBeLessThanOrEqual(
              again!.gap + cold.gap + 1e-12 * scale,
            );
            if (problem.terms[0].coef > 0 || problem.pi.every((x) => x > 1e-300 && problem.terms[2].coef > 0)) {
              for (let a = 0; a < cold.p.length; a++) expect(Math.abs(again!.p[a] - cold.p[a])).toBeLessThan(1e-9);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
    expect(searched).toBeGreaterThan(200);
  });

  test('leaves d δ/dm with its δ: the first-order start at a nearby KL coefficient is far nearer than δ itself', () => {
    // The next multiplier probe moves every state's m together; its solve starts from δ + (dδ/dm)·Δm (predictedStart).
    let compared = 0;
    fc.assert(
      fc.property(problems, fc.constantFrom(1e-3, -1e-3, 1e-2), (raw, relative) => {
        // π interior and a KL term: a barrier on every action, so δ(m) is smooth.
        const lifted = Array.from(raw.pi, (x) => Math.max(x, 0.05));
        const total = lifted.reduce((x, y) => x + y, 0);
        const m = raw.terms[2].coef || 1;
        const problem: StateProblem = {
          ...raw,
          pi: Float64Array.from(lifted, (x) => x / total),
          terms: [raw.terms[0], raw.terms[1], { drift: forwardKlDrift, coef: m }],
        };
        const warm = { delta: NaN, kappa: NaN, m: NaN, dDelta: NaN, dKappa: NaN };
        const before = quadraticRootStateSolve({ ...problem, warm });
        if (before === null || !Number.isFinite(warm.delta)) return;
        // Every action on its TV kink: δ is anywhere in an interval (no slope, and no prediction made).
        if (!Number.isFinite(warm.dDelta)) return;
        expect(warm.m).toBe(m);
        const next = m * (1 + relative);
        const moved = {
          ...problem,
          terms: [problem.terms[0], problem.terms[1], { drift: forwardKlDrift, coef: next }],
        };
        const after = { delta: NaN };
        const solved = quadraticRootStateSolve({ ...moved, warm: after });
        if (solved === null) return;
        // Not where an action crosses its TV kink or a bound between the two (δ(m) has a corner there).
        const pieces = (p: Float64Array) =>
          Array.from(p, (x, i) => (x >= 1 ? 2 : x <= 0 ? -2 : Math.sign(x - problem.pi[i]))).join();
        if (pieces(before.p) !== pieces(solved.p)) return;
        const stay = Math.abs(warm.delta - after.delta);
        if (!(stay > 1e-9 * (1 + Math.abs(after.delta)))) return; // δ did not move beyond rounding
        compared += 1;
        // Second order in Δm: 1 % of a step of 1e-3, 10 % of one of 1e-2.
        expect(Math.abs(predictedStart(warm, next, 0) - after.delta)).toBeLessThanOrEqual(
          (relative === 1e-2 ? 0.1 : 0.01) * stay + 1e-12 * (1 + Math.abs(after.delta)),
        );
        // Beyond a factor two of the solved m, no prediction: the start is δ itself.
        expect(predictedStart(warm, 3 * m, 0)).toBe(warm.delta);
      }),
      { numRuns: 400 },
    );
    expect(compared).toBeGreaterThan(100);
  });
});
