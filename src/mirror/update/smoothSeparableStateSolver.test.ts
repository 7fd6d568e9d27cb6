import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { DriftContext } from '../drifts/drift.js';
import { chiSquaredDrift } from '../drifts/chiSquaredDrift.js';
import { forwardKlDrift } from '../drifts/forwardKlDrift.js';
import { hellingerDrift } from '../drifts/hellingerDrift.js';
import { parseDriftSpec } from '../drifts/driftRegistry.js';
import { reverseKlDrift } from '../drifts/reverseKlDrift.js';
import { squaredL2Drift } from '../drifts/squaredL2Drift.js';
import { totalVariationDistance } from '../drifts/totalVariationDistance.js';
import { separableKktSolve } from './separableStateSolver.js';
import { gridBest } from './simplexGrid.testkit.js';
import { smoothSeparableDualBound, smoothSeparableStateSolve } from './smoothSeparableStateSolver.js';
import { stateObjective, type StateProblem } from './stateProblem.js';

const ctx: DriftContext = { state: 0, advantage: new Float64Array(5), maxAbsAdvantage: 1, gamma: 0.9 };
const smooth = [reverseKlDrift, hellingerDrift, chiSquaredDrift, squaredL2Drift, forwardKlDrift];
/** Piecewise linear, with a kink per action: PPO's clip (at (1 ± ε)π_a, by the advantage's sign) and TV's π_a. */
const kinked = [parseDriftSpec('ppo'), parseDriftSpec('ppo:0.05'), totalVariationDistance];
const pool = [...smooth, ...kinked];

/**
 * 1–3 convex separable terms (a drift and its balls' multipliers), smooth or with kinks; π interior, with tiny,
 * subnormal or zero entries; advantages (PPO's kinks and slopes) from −3 to 3.
 */
const problems = fc
  .record({
    A: fc.integer({ min: 2, max: 5 }),
    g: fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -50, max: 50, noNaN: true })), {
      minLength: 5,
      maxLength: 5,
    }),
    w: fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom(1e-30, 1e-200, 3.2e-321)), {
      minLength: 5,
      maxLength: 5,
    }),
    adv: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 5, maxLength: 5 }),
    terms: fc.array(
      fc.record({
        drift: fc.integer({ min: 0, max: pool.length - 1 }),
        coef: fc.constantFrom(0.01, 0.3, 1, 7, 100),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map(({ A, g, w, adv, terms }): StateProblem => {
    const weights = w.slice(0, A);
    if (!weights.some((x) => x !== 0)) weights[0] = 1;
    const total = weights.reduce((x, y) => x + y, 0);
    return {
      g: Float64Array.from(g.slice(0, A)),
      pi: Float64Array.from(weights, (x) => x / total),
      ctx: { ...ctx, advantage: Float64Array.from(adv.slice(0, A)), maxAbsAdvantage: 3 },
      terms: terms.map((t) => ({ drift: pool[t.drift], coef: t.coef })),
      warm: { delta: NaN },
    };
  });

/** A term strictly convex on (0, 1), so that each action's root is unique (PPO and TV alone are linear pieces). */
const strictlyConvex = (problem: StateProblem) => problem.terms.some((t) => smooth.includes(t.drift as never));

describe('smoothSeparableStateSolve', () => {
  test('matches the general separable KKT solver and a grid, with an honest certificate, and takes ordinary problems', () => {
    let taken = 0;
    let asked = 0;
    fc.assert(
      fc.property(problems, (problem) => {
        const fast = smoothSeparableStateSolve(problem);
        const general = separableKktSolve(problem);
        const scale = 1 + Math.max(...Array.from(problem.g, Math.abs));
        // Ordinary: π with every entry a normal double (the solver's own condition; subnormal weights carry too few
        // bits), and a strictly convex term.
        if (!problem.pi.every((x) => x >= 1e-290)) expect(fast).toBeNull();
        else if (strictlyConvex(problem)) asked += 1;
        if (fast === null) return;
        if (strictlyConvex(problem)) taken += 1;
        expect(Math.abs(fast.p.reduce((x, y) => x + y, 0) - 1)).toBeLessThan(1e-15);
        expect(fast.p.every((x) => x >= 0)).toBe(true);
        expect(fast.value).toBe(stateObjective(problem, fast.p));
        // Honest: no feasible point (the general solver's, π, a grid's) beats it by more than its gap, beyond rounding
        // of the objective (sums of A terms of the values' size).
        const rounding = 1e-12 * scale;
        expect(general.value).toBeLessThanOrEqual(fast.value + fast.gap + rounding);
        expect(stateObjective(problem, problem.pi)).toBeLessThanOrEqual(fast.value + fast.gap + rounding);
        if (problem.g.length <= 3) expect(gridBest(problem)).toBeLessThanOrEqual(fast.value + fast.gap + rounding);
        // Tight: the tangent bound at roots found to a few ulps is a few ulps of the problem's scale above φ(p).
        const coefs = problem.terms.reduce((sum, t) => sum + t.coef, 0);
        expect(fast.gap).toBeLessThanOrEqual(1e-13 * (scale + coefs));
      }),
      { numRuns: 800 },
    );
    // The fast path must take (nearly) every ordinary problem, or it checks nothing.
    expect(taken).toBeGreaterThan(0.95 * asked);
  });

  test('its bound is weak duality: at every λ above the best feasible value, and at the solver’s λ within rounding of it', () => {
    let tight = 0;
    let anywhereChecked = 0;
    fc.assert(
      fc.property(problems, fc.double({ min: -60, max: 60, noNaN: true }), (problem, delta) => {
        const fast = smoothSeparableStateSolve(problem);
        if (fast === null) return;
        const best = Math.max(fast.value, separableKktSolve(problem).value);
        const scale = 1 + Math.max(...Array.from(problem.g, Math.abs));
        // Any λ: an upper bound on every feasible value (rounding of sums of A terms of the values' size allowed).
        const anywhere = smoothSeparableDualBound(problem, delta);
        if (!Number.isNaN(anywhere)) {
          anywhereChecked += 1;
          expect(anywhere).toBeGreaterThanOrEqual(best - 1e-12 * scale);
        }
        // The solver's own λ: tight (this is its certificate, so a bound lowered there would pass as a gap of 0).
        const own = smoothSeparableDualBound(problem, problem.warm!.delta);
        expect(own).toBeGreaterThanOrEqual(best - 1e-12 * scale);
        const coefs = problem.terms.reduce((sum, t) => sum + t.coef, 0);
        if (own - best <= 1e-13 * (scale + coefs)) tight += 1;
      }),
      { numRuns: 400 },
    );
    expect(tight).toBeGreaterThan(100);
    expect(anywhereChecked).toBeGreaterThan(100); // an arbitrary λ is a case only where the solver applies
  });

  test('its bound holds from a tangent at any row: 0, 1, kinks and an ulp beside them, anywhere between', () => {
    // The solver's own roots make the tangents' rise rounding-sized; here it carries the bound (found by review: a
    // bound without the rise, or with the supergradient at a kink forced to 0, passed the tests above).
    const rows = fc.array(
      fc.oneof(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(0, 1),
        fc.integer({ min: 0, max: 5 }).map((k) => -k), // a kink (π_a·(1 ± ε), or π_a) moved by k ulps
      ),
      { minLength: 5, maxLength: 5 },
    );
    let checked = 0;
    fc.assert(
      fc.property(problems, fc.double({ min: -60, max: 60, noNaN: true }), rows, (problem, delta, draw) => {
        const A = problem.g.length;
        const at = new Float64Array(A);
        for (let a = 0; a < A; a++) {
          if (draw[a] > 0 || Object.is(draw[a], 0) || draw[a] === 1) {
            at[a] = draw[a];
            continue;
          }
          const kinks = [problem.pi[a], 0.8 * problem.pi[a], 1.2 * problem.pi[a], 0.95 * problem.pi[a]];
          const k = kinks[-draw[a] % kinks.length];
          at[a] = Math.min(1, Math.max(0, k + (draw[a] % 2 === 0 ? 1 : -1) * -draw[a] * Number.EPSILON * k));
        }
        const bound = smoothSeparableDualBound(problem, delta, at);
        if (Number.isNaN(bound)) return; // the solver does not apply (subnormal π)
        checked += 1;
        const best = Math.max(
          separableKktSolve(problem).value,
          smoothSeparableStateSolve(problem)?.value ?? -Infinity,
          stateObjective(problem, problem.pi),
        );
        const scale = 1 + Math.max(...Array.from(problem.g, Math.abs));
        expect(bound).toBeGreaterThanOrEqual(best - 1e-12 * scale);
      }),
      { numRuns: 1500 },
    );
    // ~37 % of the draws: π has zero or subnormal entries in the rest, where the solver (and so its bound) declines.
    expect(checked).toBeGreaterThan(1500 / 4);
  });

  test('leaves its δ in the warm record, and a warm start gives the same row to rounding', () => {
    const problem: StateProblem = {
      g: Float64Array.of(1, 2, 0.5, 1.5),
      pi: Float64Array.of(0.1, 0.2, 0.3, 0.4),
      ctx,
      terms: [
        { drift: reverseKlDrift, coef: 0.7 },
        { drift: forwardKlDrift, coef: 0.3 },
      ],
      warm: { delta: NaN },
    };
    const cold = smoothSeparableStateSolve(problem)!;
    expect(Number.isFinite(problem.warm!.delta)).toBe(true);
    const again = smoothSeparableStateSolve(problem)!;
    for (let a = 0; a < 4; a++) expect(Math.abs(again.p[a] - cold.p[a])).toBeLessThan(1e-15);
    expect(again.gap).toBeLessThanOrEqual(1e-13 * 4);
  });

  test('takes kinks beside a barrier, on a kink where the root is; declines a squared term, no curvature, non-convex, π off full support', () => {
    const g = Float64Array.of(1, 0, 2);
    const pi = Float64Array.of(0.2, 0.3, 0.5);
    const solve = (terms: StateProblem['terms'], p = pi) => smoothSeparableStateSolve({ g, pi: p, ctx, terms });
    expect(solve([{ drift: reverseKlDrift, coef: 1 }])).not.toBeNull();
    // TV at weight 3 costs more than any move gains (the rewards differ by 2 at most): every action stays on its kink
    // π_a, beside a faint KL barrier; TV at weight 1 lets action 1's mass go to action 2 (a gain of 2 for a cost of 1).
    const onKinks = solve([
      { drift: forwardKlDrift, coef: 0.01 },
      { drift: totalVariationDistance, coef: 3 },
    ])!;
    expect(onKinks).not.toBeNull();
    expect(onKinks.gap).toBeLessThanOrEqual(1e-13 * 5);
    for (let a = 0; a < 3; a++) expect(Math.abs(onKinks.p[a] - pi[a])).toBeLessThan(1e-15);
    const moving = solve([
      { drift: forwardKlDrift, coef: 0.01 },
      { drift: totalVariationDistance, coef: 1 },
    ])!;
    expect(moving.gap).toBeLessThanOrEqual(1e-13 * 3);
    expect(moving.p[1]).toBeLessThan(0.01);
    expect(moving.value).toBeGreaterThanOrEqual(
      separableKktSolve({
        g,
        pi,
        ctx,
        terms: moving && [
          { drift: forwardKlDrift, coef: 0.01 },
          { drift: totalVariationDistance, coef: 1 },
        ],
      }).value -
        1e-12 * 3,
    );
    expect(solve([{ drift: parseDriftSpec('tv2'), coef: 1 }])).toBeNull();
    expect(solve([{ drift: parseDriftSpec('logratio2'), coef: 1 }])).toBeNull();
    const flat = { ...reverseKlDrift, separable: { ...reverseKlDrift.separable, curvature: undefined } };
    expect(solve([{ drift: flat, coef: 1 }])).toBeNull();
    expect(solve([{ drift: reverseKlDrift, coef: 1 }], Float64Array.of(0, 0.5, 0.5))).toBeNull();
    expect(solve([{ drift: reverseKlDrift, coef: 1 }], Float64Array.of(5e-324, 0.5, 0.5))).toBeNull();
  });
});
