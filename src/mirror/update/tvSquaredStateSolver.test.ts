import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { DriftContext } from '../drifts/drift.js';
import { forwardKlDrift } from '../drifts/forwardKlDrift.js';
import { hellingerDrift } from '../drifts/hellingerDrift.js';
import { squaredL2Drift } from '../drifts/squaredL2Drift.js';
import { squaredTvDrift } from '../drifts/squaredTvDrift.js';
import { totalVariationDistance } from '../drifts/totalVariationDistance.js';
import { genericStateSolve } from './genericStateSolver.js';
import { gridBest } from './simplexGrid.testkit.js';
import { stateObjective, type StateProblem } from './stateProblem.js';
import { quadraticStateSolve, tvSquaredDraft } from './quadraticStateSolver.js';
import { lossAgainstStaying } from './solveStateProblem.js';
import { tvSquaredFaintBarrier, tvSquaredJointSolve } from './tvSquaredStateSolver.js';
import { predictedStart } from './quadraticRootStateSolver.js';

const ctx: DriftContext = { state: 0, advantage: new Float64Array(4), maxAbsAdvantage: 1, gamma: 0.9 };

/** a·TV² beside c·L2² + k·TV + m·KL(π‖·): the separable part, and the whole problem. */
const problems = fc
  .record({
    A: fc.integer({ min: 2, max: 4 }),
    g: fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -60, max: 60, noNaN: true })), {
      minLength: 4,
      maxLength: 4,
    }),
    w: fc.array(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom(1e-6, 1e-30)), { minLength: 4, maxLength: 4 }),
    c: fc.constantFrom(0, 0.01, 1),
    k: fc.constantFrom(0, 0.3),
    m: fc.constantFrom(0.05, 1, 30),
    a: fc.constantFrom(0.1, 1, 50),
  })
  .map(({ A, g, w, c, k, m, a }) => {
    const weights = w.slice(0, A);
    const total = weights.reduce((x, y) => x + y, 0);
    const base = { g: Float64Array.from(g.slice(0, A)), pi: Float64Array.from(weights, (x) => x / total), ctx };
    const separable: StateProblem = {
      ...base,
      terms: [
        { drift: squaredL2Drift, coef: c },
        { drift: totalVariationDistance, coef: k },
        { drift: forwardKlDrift, coef: m },
      ],
    };
    const whole: StateProblem = { ...base, terms: [...separable.terms, { drift: squaredTvDrift, coef: a }] };
    return { separable, whole, a };
  });

describe('tvSquaredJointSolve (TV² beside L2, TV and KL terms, one Newton iteration in (δ, κ))', () => {
  test('its bound is honest (above the generic solver, π and a grid) and tight at its row; it takes most problems', () => {
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(problems, ({ separable, whole, a }) => {
        runs += 1;
        const joint = tvSquaredJointSolve(separable, a);
        if (joint === null) return;
        taken += 1;
        const scale = 1 + a + Math.max(...Array.from(whole.g, Math.abs));
        const value = stateObjective(whole, joint.p);
        expect(Math.abs(joint.p.reduce((x, y) => x + y, 0) - 1)).toBeLessThan(1e-12);
        expect(joint.p.every((x) => x > 0)).toBe(true);
        // Tight: the row is optimal to the bound (quadraticStateSolve takes it at 1e-13 of the scale).
        expect(joint.bound - value).toBeLessThanOrEqual(1e-11 * scale);
        // Honest: nothing feasible beats the bound.
        expect(genericStateSolve(whole).value).toBeLessThanOrEqual(joint.bound + 1e-12 * scale);
        expect(stateObjective(whole, whole.pi)).toBeLessThanOrEqual(joint.bound + 1e-12 * scale);
        if (whole.g.length <= 3) expect(gridBest(whole)).toBeLessThanOrEqual(joint.bound + 1e-12 * scale);
      }),
      { numRuns: 300 },
    );
    // The common path: it must take (nearly) every such problem, or it speeds up nothing.
    expect(taken).toBeGreaterThan(0.8 * runs);
  });

  test('its certified row carries φ(p) and the loss against staying that the check would compute (bitwise)', () => {
    // The check against staying (solveStateProblem's `normalised`) reads the solver's loss instead of walking the terms
    // again: it must be the very number that pass gives.
    let carried = 0;
    fc.assert(
      fc.property(problems, ({ whole, a }) => {
        const live = { ...whole, terms: whole.terms.filter((t) => t.coef > 0) };
        const sol = quadraticStateSolve(live, a, totalVariationDistance);
        if (sol.loss === undefined) return; // the κ-search's or the faint barrier's row: checked in full by the caller
        carried += 1;
        expect(sol.loss).toBe(lossAgainstStaying(whole, sol.p));
        expect(sol.value).toBe(stateObjective(whole, sol.p));
      }),
      { numRuns: 200 },
    );
    expect(carried).toBeGreaterThan(100);
  });

  test('a draft (a probe that only steers) is the certified row from the same start, without its bound', () => {
    let compared = 0;
    fc.assert(
      fc.property(problems, ({ separable, whole, a }) => {
        const warm = { delta: NaN, kappa: NaN };
        // Copied: a draft's row is the drafts' own, overwritten by the next draft.
        const drafted = tvSquaredDraft({ ...whole, warm }, a);
        const draft = drafted && Float64Array.from(drafted);
        const joint = tvSquaredJointSolve(separable, a, undefined, true);
        if (joint !== null) expect(joint.bound).toBeNaN();
        // The row of the full solve's first paths: the faint-barrier closed form, else the joint iteration.
        const faint = tvSquaredFaintBarrier(whole, a);
        const expected = faint?.p ?? tvSquaredJointSolve(separable, a)?.p ?? null;
        if (expected === null) {
          expect(draft).toBeNull(); // declined where both do: the full solve's κ-search takes it
          return;
        }
        compared += 1;
        expect(draft).toEqual(expected); // bitwise
        if (faint === null) expect([warm.delta, warm.kappa]).toEqual([joint!.delta, joint!.kappa]);
      }),
      { numRuns: 300 },
    );
    expect(compared).toBeGreaterThan(150);
  });

  test('from a warm (δ, κ) — the state’s own at the last probe, or anywhere — honest, and the cold row where it is near', () => {
    let near = 0;
    let nearTaken = 0;
    fc.assert(
      fc.property(
        problems,
        fc.double({ min: -0.3, max: 0.3, noNaN: true }),
        fc.tuple(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -1, max: 100, noNaN: true })),
        ({ separable, whole, a }, shift, far) => {
          const cold = tvSquaredJointSolve(separable, a);
          if (cold === null) return;
          const scale = 1 + a + Math.max(...Array.from(whole.g, Math.abs));
          near += 1;
          const starts = [
            { delta: cold.delta * (1 + 1e-3 * shift), kappa: cold.kappa * (1 - 1e-3 * shift) },
            { delta: far[0], kappa: far[1] },
          ];
          for (const [i, start] of starts.entries()) {
            const warm = tvSquaredJointSolve(separable, a, start);
            if (warm === null) continue; // the caller searches cold then
            // Honest whatever the start: nothing feasible beats the bound.
            expect(genericStateSolve(whole).value).toBeLessThanOrEqual(warm.bound + 1e-12 * scale);
            if (whole.g.length <= 3) expect(gridBest(whole)).toBeLessThanOrEqual(warm.bound + 1e-12 * scale);
            if (i > 0) continue;
            nearTaken += 1;
            // From near the answer: the same row (the problem is strictly concave: a KL barrier on every action).
            expect(warm.bound - stateObjective(whole, warm.p)).toBeLessThanOrEqual(1e-11 * scale);
            for (let j = 0; j < warm.p.length; j++) expect(Math.abs(warm.p[j] - cold.p[j])).toBeLessThan(1e-7);
          }
        },
      ),
      { numRuns: 300 },
    );
    // A start near the answer converges (else the warm start is a waste of evaluations).
    expect(nearTaken).toBeGreaterThan(0.9 * near);
  });

  test('declines what it does not solve: no TV² weight, another drift, TV² inactive at κ = 0', () => {
    const pi = Float64Array.from([0.2, 0.3, 0.5]);
    const g = Float64Array.from([1, 0, 2]);
    const kl = { g, pi, ctx, terms: [{ drift: forwardKlDrift, coef: 1 }] };
    expect(tvSquaredJointSolve(kl, 0)).toBeNull();
    expect(tvSquaredJointSolve({ ...kl, terms: [...kl.terms, { drift: hellingerDrift, coef: 1 }] }, 1)).toBeNull();
    // TV² itself is held by a, not read as a per-action term: TV² alone has no barrier, so no root for every action.
    expect(tvSquaredJointSolve({ ...kl, terms: [{ drift: squaredTvDrift, coef: 1 }] }, 1)).toBeNull();
    // Equal rewards: x(0) = π, TV = 0.
    expect(tvSquaredJointSolve({ ...kl, g: Float64Array.from([1, 1, 1]) }, 1)).toBeNull();
  });

  test('beside a faint KL barrier (m ≪ the rewards), the TV² closed form kept inside supp π: honest, and taken', () => {
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(problems, fc.constantFrom(1e-17, 1e-15, 1e-12), ({ whole, a }, m) => {
        if (m <= 1e-15) runs += 1;
        const kl = [{ drift: forwardKlDrift, coef: m }];
        const problem: StateProblem = { ...whole, terms: [...kl, { drift: squaredTvDrift, coef: a }] };
        const faint = tvSquaredFaintBarrier(problem, a);
        if (faint === null) return;
        if (m <= 1e-15) taken += 1;
        const scale = 1 + a + Math.max(...Array.from(problem.g, Math.abs));
        expect(faint.value).toBe(stateObjective(problem, faint.p));
        expect(Math.abs(faint.p.reduce((x, y) => x + y, 0) - 1)).toBeLessThan(1e-12);
        expect(faint.p.every((x, i) => x > 0 || problem.pi[i] === 0)).toBe(true); // KL(π‖p) finite
        expect(faint.gap).toBeLessThanOrEqual(1e-12 * scale);
        expect(genericStateSolve(problem).value).toBeLessThanOrEqual(faint.value + faint.gap + 1e-12 * scale);
        expect(stateObjective(problem, problem.pi)).toBeLessThanOrEqual(faint.value + faint.gap + 1e-12 * scale);
        if (problem.g.length <= 3)
          expect(gridBest(problem)).toBeLessThanOrEqual(faint.value + faint.gap + 1e-12 * scale);
      }),
      { numRuns: 200 },
    );
    // Faint barriers (m ≤ 1e-15 here) must be taken, or the path speeds up nothing.
    expect(taken).toBeGreaterThan(0.8 * runs);
    // A KL term of ordinary weight is not faint: the joint Newton or the κ-search take it.
    const { whole, a } = fc.sample(problems, { numRuns: 1, seed: 7 })[0];
    const kl = [{ drift: forwardKlDrift, coef: 1 }];
    expect(tvSquaredFaintBarrier({ ...whole, terms: [...kl, { drift: squaredTvDrift, coef: a }] }, a)).toBeNull();
  });

  test('the state of Figure 3’s single-step game that took 74 inner solves (58 ms): one closed form', () => {
    const pi = Float64Array.from([
      0.6795683280808028, 0.00005531606666025997, 0.12034869781920686, 0.000027658033330129985, 0.2,
    ]);
    const kl = [{ drift: forwardKlDrift, coef: 4.232469259372317e-15 }];
    const problem: StateProblem = {
      g: Float64Array.from([10, 0, 1, 0, 5]),
      pi,
      ctx: { ...ctx, advantage: new Float64Array(5) },
      terms: [...kl, { drift: squaredTvDrift, coef: 50 }],
    };
    const faint = tvSquaredFaintBarrier(problem, 50)!;
    expect(faint).not.toBeNull();
    expect(faint.gap).toBeLessThanOrEqual(1e-12);
    expect(genericStateSolve(problem).value).toBeLessThanOrEqual(faint.value + faint.gap + 1e-12);
  });

  test('leaves d(δ, κ)/dm with its (δ, κ): the first-order start at a nearby KL coefficient is far nearer than its own', () => {
    let compared = 0;
    fc.assert(
      fc.property(problems, fc.constantFrom(1e-3, -1e-3), ({ separable, a }, relative) => {
        if (!separable.pi.every((x) => x > 1e-3)) return; // smooth in m away from underflowing barriers
        const joint = tvSquaredJointSolve(separable, a);
        if (joint === null || !(joint.kappa > 0)) return;
        const m = separable.terms[2].coef;
        expect(joint.m).toBe(m);
        const next = m * (1 + relative);
        const terms = [separable.terms[0], separable.terms[1], { drift: forwardKlDrift, coef: next }];
        const after = tvSquaredJointSolve({ ...separable, terms }, a);
        if (after === null) return;
        const stay = Math.hypot(joint.delta - after.delta, joint.kappa - after.kappa);
        const floor = 1e-9 * (1 + Math.abs(after.delta) + after.kappa);
        if (!(stay > floor)) return;
        // Not on a kink's switch between the two solves (the pieces change, and with them the slopes).
        const active = (p: Float64Array) => Array.from(p, (x, i) => Math.sign(x - separable.pi[i]));
        if (active(joint.p).join() !== active(after.p).join()) return;
        compared += 1;
        const predicted = Math.hypot(
          predictedStart(joint, next, 0) - after.delta,
          Math.max(0, predictedStart(joint, next, 1)) - after.kappa,
        );
        expect(predicted).toBeLessThanOrEqual(0.01 * stay + floor);
      }),
      { numRuns: 600 },
    );
    expect(compared).toBeGreaterThan(60);
  });
});
