import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { dualBisection, segmentSearch, smallStepModel } from './dualBisection.js';

/**
 * One relaxed problem with a known answer: maximise f(x) = x − x²/2·(1/k) … abstracted as x(μ) = k/(1 + μ)^p, the
 * maximiser of the relaxed problem, and c(x) = x: the multiplier that puts c on δ is μ* = (k/δ)^(1/p) − 1.
 */
function powerLaw(k: number, power: number) {
  let solves = 0;
  return {
    solve: (mu: number) => {
      solves += 1;
      return { x: k / (1 + mu) ** power, gap: 0 };
    },
    constraintOf: (s: { x: number }) => s.x,
    solves: () => solves,
  };
}

/** x(μ) = k/(1 + μ)^power in a ball of radius k·share, searched from `initial`. */
const powerLawCases = [
  fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
  fc.constantFrom(0.5, 1, 2, 3),
  fc.double({ min: 1e-4, max: 0.5, noNaN: true }),
  fc.double({ min: 1e-8, max: 1e8, noNaN: true }),
] as const;

describe('dualBisection (the multiplier of one ball)', () => {
  test('finds the smallest feasible multiplier, certified, from any starting guess', () => {
    fc.assert(
      fc.property(...powerLawCases, (k, power, share, initial) => {
        const radius = k * share;
        const problem = powerLaw(k, power);
        const tolerance = 1e-12 * k;
        const r = dualBisection(problem.solve, problem.constraintOf, radius, tolerance, initial)!;
        const exact = (k / radius) ** (1 / power) - 1;
        expect(r.constraint).toBeLessThanOrEqual(radius);
        // Certified to the tolerance, or to what rounding allows: c(x(μ)) resolves δ only to an ulp, worth μ·u·δ.
        expect(r.gap).toBeLessThanOrEqual(Math.max(tolerance, 4 * r.multiplier * Number.EPSILON * radius));
        expect(Math.abs(r.multiplier - exact)).toBeLessThanOrEqual(1e-6 * (1 + exact));
      }),
      { numRuns: 300 },
    );
  });

  test('searches in log μ: a handful of solves from a guess 10⁶ off, fewer from the last answer (a warm start)', () => {
    // c(x(μ)) ∝ μ⁻² is a line in log–log: the secant lands on it. (The search in μ itself took 11 solves per update of
    // an L2 drift in a KL ball, from the values' scale.)
    for (const power of [1, 2]) {
      const exact = (1 / 0.01) ** (1 / power) - 1;
      for (const initial of [exact * 1e6, exact * 1e-6, exact * 3]) {
        const cold = powerLaw(1, power);
        dualBisection(cold.solve, cold.constraintOf, 0.01, 1e-12, initial);
        expect(cold.solves(), `power ${power}, from ${initial}`).toBeLessThanOrEqual(12);
      }
      const warm = powerLaw(1, power);
      dualBisection(warm.solve, warm.constraintOf, 0.01, 1e-12, exact * (1 + 1e-3));
      expect(warm.solves()).toBeLessThanOrEqual(6); // the unconstrained solve (μ = 0), then five at most
    }
  });

  test('a constraint that jumps over the radius, or reaches 0 exactly, still gives a feasible answer with an honest bound', () => {
    // Step: c = 1 for μ < 2, 0 from there (a piecewise-linear problem's maximiser jumps between vertices).
    const step = dualBisection(
      (mu) => ({ x: mu < 2 ? 1 : 0, gap: 0 }),
      (s) => s.x,
      0.5,
      1e-12,
      1000,
    )!;
    expect(step.constraint).toBe(0);
    expect(step.multiplier).toBeGreaterThanOrEqual(2);
    expect(step.multiplier).toBeLessThan(2 * (1 + 1e-12));
    expect(step.gap).toBeCloseTo(step.multiplier * 0.5, 12);
    // Reaches 0 at μ = 5 (the relaxed maximiser is π itself): log c = −∞ there.
    const flat = dualBisection(
      (mu) => ({ x: Math.max(0, 1 - mu / 5), gap: 0 }),
      (s) => s.x,
      0.3,
      1e-12,
      1e6,
    )!;
    expect(flat.constraint).toBeLessThanOrEqual(0.3);
    expect(flat.gap).toBeLessThanOrEqual(1e-12);
    expect(flat.multiplier).toBeCloseTo(3.5, 9);
  });

  test('a probe exactly on the boundary ends the search, even when the inner solver’s own gap is above the tolerance', () => {
    // Found by review: c = δ exactly made the secant's step 0, and the search re-solved the same μ 2,000 times, then
    // returned null (the caller kept π_old, uncertified) — the search in μ had stopped at once at f = 0.
    let solves = 0;
    const r = dualBisection(
      (mu) => (solves++, { mu, gap: 1 }),
      (s) => (s.mu >= 1 ? 0.25 : 0.5),
      0.25,
      0,
      5,
    )!;
    expect(r).not.toBeNull();
    expect(r.constraint).toBe(0.25);
    expect(r.gap).toBe(1);
    expect(solves).toBeLessThanOrEqual(4);
    // A guess that is NaN or 0 starts at μ = 1.
    for (const guess of [NaN, 0, -1]) {
      const p = powerLaw(1, 2);
      expect(dualBisection(p.solve, p.constraintOf, 0.01, 1e-12, guess)!.gap).toBeLessThanOrEqual(1e-12);
    }
  });

  test('a ball reached only by a huge multiplier (above 10³⁰²) is still found', () => {
    const r = dualBisection(
      (mu) => ({ x: mu >= 1e305 ? 0 : 1, gap: 0 }),
      (s) => s.x,
      0.5,
      1e-12,
      1e-300,
    )!;
    expect(r).not.toBeNull();
    expect(r.constraint).toBe(0);
  });

  test('no finite multiplier reaches the ball: null (the caller keeps π, uncertified)', () => {
    expect(
      dualBisection(
        () => ({ x: 1, gap: 0 }),
        (s) => s.x,
        0.5,
        1e-12,
        1,
      ),
    ).toBeNull();
  });

  test('with the slope known: the small-step model lands on c = C/(μ + μ₀)² from μ = 0, and wrong slopes cost only solves', () => {
    // The model's own family: one solve at μ = 0 and the first probe is on the root (to rounding), certified.
    for (const [C, mu0, radius] of [
      [1, 1, 0.01],
      [50, 0.02, 3],
      [1e-6, 1e-2, 1e-9],
    ]) {
      let solves = 0;
      const c = (mu: number) => C / (mu + mu0) ** 2;
      const r = dualBisection(
        (mu) => (solves++, { mu, gap: 0, slope: (-2 * C) / (mu + mu0) ** 3 }),
        (s) => c(s.mu),
        radius,
        1e-12 * C,
        1e6,
      )!;
      expect(r.gap).toBeLessThanOrEqual(1e-12 * C);
      expect(Math.abs(r.multiplier - (Math.sqrt(C / radius) - mu0))).toBeLessThanOrEqual(1e-9 * r.multiplier);
      expect(solves, `C ${C}, μ₀ ${mu0}`).toBeLessThanOrEqual(3);
    }
    expect(smallStepModel(0, 4, -8, 1)).toBe(1); // μ₀ = 1, c = 4/(1 + μ)²: c = 1 at μ = 1
    expect(smallStepModel(0, 4, NaN, 1)).toBeNaN();
    expect(smallStepModel(0, 4, 1, 1)).toBeNaN(); // a rising constraint has no model
    // Slopes off by a factor (or of the wrong size entirely) still reach a certified answer: the bracket and the
    // secant keep the search; only the number of solves changes. The right slope saves solves on the whole (a third
    // over 20,000 random cases: 6.1 against 9.5 a search), though not in every case: c ∝ μ^(−1/2) to a ball 10³ times
    // smaller, where the model's μ⁻² is furthest off, took 11 where the secant alone happened on 7.
    let withSlope = 0;
    let withoutSlope = 0;
    const search = (k: number, power: number, radius: number, slopeFactor: number | null) => {
      let solves = 0;
      const r = dualBisection(
        (mu) => (
          solves++,
          {
            x: k / (1 + mu) ** power,
            gap: 0,
            slope: slopeFactor === null ? undefined : (-slopeFactor * power * k) / (1 + mu) ** (power + 1),
          }
        ),
        (s) => s.x,
        radius,
        1e-12 * k,
        1,
      )!;
      return { r, solves };
    };
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.constantFrom(0.5, 1, 2, 3),
        fc.double({ min: 1e-4, max: 0.5, noNaN: true }),
        fc.constantFrom(1e-6, 0.1, 0.5, 1, 2, 10, 1e6),
        (k, power, share, wrong) => {
          const radius = k * share;
          const { r, solves } = search(k, power, radius, wrong);
          const exact = (k / radius) ** (1 / power) - 1;
          expect(r.constraint).toBeLessThanOrEqual(radius);
          expect(r.gap).toBeLessThanOrEqual(Math.max(1e-12 * k, 4 * r.multiplier * Number.EPSILON * radius));
          expect(Math.abs(r.multiplier - exact)).toBeLessThanOrEqual(1e-6 * (1 + exact));
          if (wrong !== 1) {
            expect(solves).toBeLessThanOrEqual(80);
            return;
          }
          expect(solves).toBeLessThanOrEqual(20);
          withSlope += solves;
          withoutSlope += search(k, power, radius, null).solves;
        },
      ),
      { numRuns: 300 },
    );
    expect(withSlope).toBeLessThan(0.8 * withoutSlope);
  });

  test('an exact model whose first probe lands on the boundary to rounding still ends certified (found by review)', () => {
    // c(μ) = K/(μ + μ₀)² with its exact slope: the model's first probe from μ = 0 was the root itself, infeasible by
    // 1e-16, and a Newton step below one ulp of log μ stopped the search with no feasible probe (null: π_old kept,
    // uncertified) where the secant alone certified it in 26 solves.
    const [K, mu0, radius, tolerance] = [
      266.95941732587033, 0.6839026965362514, 0.3365185510591209, 1.3404994663632716e-14,
    ];
    const r = dualBisection(
      (mu) => ({ mu, gap: 0, slope: (-2 * K) / (mu + mu0) ** 3 }),
      (s) => K / (s.mu + mu0) ** 2,
      radius,
      tolerance,
      1,
    );
    expect(r).not.toBeNull();
    expect(r!.constraint).toBeLessThanOrEqual(radius);
    expect(r!.gap).toBeLessThanOrEqual(Math.max(tolerance, 4 * r!.multiplier * Number.EPSILON * radius));
    // And over many such models, none is lost.
    fc.assert(
      fc.property(
        fc.double({ min: 1e-2, max: 1e3, noNaN: true }),
        fc.double({ min: 1e-3, max: 10, noNaN: true }),
        fc.double({ min: 1e-4, max: 0.9, noNaN: true }),
        fc.constantFrom(1, 1.5, 3),
        (k, m0, share, over) => {
          const c0 = k / m0 ** 2;
          const found = dualBisection(
            (mu) => ({ mu, gap: 0, slope: (-2 * over * k) / (mu + m0) ** 3 }),
            (s) => k / (s.mu + m0) ** 2,
            c0 * share,
            1e-12 * c0 * share,
            1,
          );
          expect(found).not.toBeNull();
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('with drafts: probes steer uncertified, only a probe that can end the search is solved in full, same answer', () => {
    // Drafts carry gap NaN (the rows without their certificate); a full solve has its own gap.
    fc.assert(
      fc.property(...powerLawCases, fc.boolean(), (k, power, share, initial, withSlope) => {
        const radius = k * share;
        const tolerance = 1e-12 * k;
        // With the solver's slope the search takes Newton's steps, and solves in full at once the probe it predicts
        // to be the last (a wrong prediction costs a full solve, never the answer).
        const solve = (mu: number, asDraft?: boolean) => ({
          x: k / (1 + mu) ** power,
          gap: asDraft ? NaN : 1e-3 * tolerance,
          slope: withSlope ? (-power * k) / (1 + mu) ** (power + 1) : undefined,
        });
        const r = dualBisection(solve, (s) => s.x, radius, tolerance, initial, undefined, true)!;
        const plain = dualBisection(
          (mu) => solve(mu),
          (s) => s.x,
          radius,
          tolerance,
          initial,
        )!;
        expect(r.solution.gap).toBe(1e-3 * tolerance); // the answer is a full solve, never a draft
        expect(r.constraint).toBeLessThanOrEqual(radius);
        expect(r.gap).toBeLessThanOrEqual(Math.max(tolerance, 4 * r.multiplier * Number.EPSILON * radius));
        // The same multiplier, or (where rounding pins μ before any bound meets the tolerance) one as good.
        if (r.multiplier !== plain.multiplier) expect(r.gap).toBeLessThanOrEqual(plain.gap);
      }),
      { numRuns: 300 },
    );
    // Counted on one search: the unconstrained solve and the answer in full, every other probe a draft.
    let full = 0;
    let draft = 0;
    dualBisection(
      (mu: number, asDraft?: boolean) => {
        if (asDraft) draft += 1;
        else full += 1;
        return { x: 1 / (1 + mu) ** 2, gap: asDraft ? NaN : 0 };
      },
      (s) => s.x,
      0.01,
      1e-12,
      1e3,
      undefined,
      true,
    );
    expect(full).toBe(2);
    expect(draft).toBeGreaterThan(2);
    // With the solver's slope (Newton's steps, converging quadratically), the probe predicted to be the last is solved
    // in full at once: no multiplier is drafted and then solved again in full.
    const seen: string[] = [];
    const r = dualBisection(
      (mu: number, asDraft?: boolean) => {
        seen.push(`${asDraft ? 'draft' : 'full'} ${mu}`);
        const x = 1 / (1 + mu) ** 3 + 0.3 / (1 + mu);
        return { x, slope: -3 / (1 + mu) ** 4 - 0.3 / (1 + mu) ** 2, gap: asDraft ? NaN : 0 };
      },
      (s) => s.x,
      0.05,
      1e-12,
      1.3,
      undefined,
      true,
    )!;
    expect(r.gap).toBeLessThanOrEqual(1e-12);
    const fulls = seen.filter((p) => p.startsWith('full')).map((p) => p.slice(5));
    expect(fulls).toHaveLength(2); // the unconstrained solve and the answer
    expect(seen).not.toContain(`draft ${r.multiplier}`);
  });

  test.each([
    ['the nearest feasible draft is solved in full', 2],
    // A full solve may pick another row than its draft (the κ-search, a cold retry): here full solves jump later, so
    // the nearest feasible drafts are infeasible in full, and the search falls back to the next ones.
    ['a draft infeasible in full falls back to the next one', 2.5],
  ])('with drafts, where no probe can end the search (a jump over the radius): %s', (_name, fullJump) => {
    const step = dualBisection(
      (mu: number, asDraft?: boolean) => ({ x: mu < (asDraft ? 2 : fullJump) ? 1 : 0, gap: asDraft ? NaN : 0 }),
      (s) => s.x,
      0.5,
      1e-12,
      1000,
      undefined,
      true,
    );
    expect(step).not.toBeNull();
    expect(step!.solution.gap).toBe(0); // certified, not a draft
    expect(step!.constraint).toBe(0);
    expect(step!.multiplier).toBeGreaterThanOrEqual(fullJump);
    expect(step!.gap).toBeCloseTo(step!.multiplier * 0.5, 12);
    if (fullJump === 2) expect(step!.multiplier).toBeLessThan(2 * (1 + 1e-12));
  });

  test('the unconstrained probe is screened: stopped at c = +∞, the same answer; x(0) in full only where it is mixed', () => {
    // x(μ) = k/μ^power: the unconstrained solution reads ∞ (as a KL ball beside a drift whose maximiser leaves supp π).
    // A screening solver returns a partial x(0) there, with a constraint no caller may read (NaN here).
    fc.assert(
      fc.property(...powerLawCases, (k, power, share, initial) => {
        const radius = k * share;
        const tolerance = 1e-12 * k;
        let screened = 0;
        let wholeFree = 0;
        const solve = (mu: number, _draft?: boolean, screen?: boolean) => {
          if (mu === 0 && screen) {
            screened += 1;
            return { x: NaN, gap: NaN, partial: true };
          }
          if (mu === 0) wholeFree += 1;
          return { x: mu === 0 ? Infinity : k / mu ** power, gap: 0 };
        };
        const r = dualBisection(solve, (s) => s.x, radius, tolerance, initial)!;
        const plain = dualBisection(
          (mu: number) => solve(mu),
          (s) => s.x,
          radius,
          tolerance,
          initial,
        )!;
        expect(screened).toBe(1);
        expect(wholeFree).toBe(1); // the plain search's own
        expect(r.multiplier).toBe(plain.multiplier);
        expect(r.gap).toBe(plain.gap);
        expect(r.solution.partial).toBeUndefined();
      }),
      { numRuns: 100 },
    );
    // An infinite radius takes the unconstrained solution even at c = ∞: in full, never the partial one (found by review).
    const unbounded = dualBisection(
      (mu: number, _draft?: boolean, screen?: boolean) =>
        mu === 0 && screen ? { x: NaN, gap: NaN, partial: true } : { x: mu === 0 ? Infinity : 1 / mu, gap: 0 },
      (s) => s.x,
      Infinity,
      1e-12,
      1,
    )!;
    expect(unbounded.multiplier).toBe(0);
    expect(unbounded.solution.partial).toBeUndefined();
    expect(unbounded.solution.x).toBe(Infinity);
    // Uncertified inner solutions (gap ∞) feasible at every μ > 0: the segment search mixes toward the infeasible x(0),
    // which is then solved in full — never the partial one.
    const towards: (boolean | undefined)[] = [];
    const r = dualBisection(
      (mu: number, _draft?: boolean, screen?: boolean) =>
        mu === 0 && screen ? { x: NaN, gap: NaN, partial: true } : { x: mu === 0 ? Infinity : 0.25, gap: Infinity },
      (s) => s.x,
      0.5,
      1e-12,
      1,
      {
        mix: (from, toward, theta) => {
          towards.push(toward.partial);
          return { x: (1 - theta) * from.x + theta * toward.x, gap: from.gap };
        },
        objective: (s) => -s.x,
        concave: true,
      },
    )!;
    expect(towards.length).toBeGreaterThan(0);
    expect(towards.every((p) => p === undefined)).toBe(true);
    expect(r.constraint).toBe(0.25);
  });

  test('a start given as a function is asked for only when the unconstrained solution gives no slope', () => {
    for (const withSlope of [true, false]) {
      let asked = 0;
      const r = dualBisection(
        (mu: number) => ({ mu, gap: 0, slope: withSlope ? -2 / (mu + 1) ** 3 : undefined }),
        (s) => 1 / (s.mu + 1) ** 2,
        0.01,
        1e-12,
        () => {
          asked += 1;
          return 9;
        },
      )!;
      expect(asked).toBe(withSlope ? 0 : 1);
      expect(r.multiplier).toBeCloseTo(9, 9);
    }
  });

  test('the segment’s certificate is honest however far x_lo is from maximising L(·, μ_hi) (found by review)', () => {
    // max x₁ + x₂ s.t. ‖x‖² ≤ 1 (OPT = √2): x_hi = (½, ½) maximises L(·, 1); x_lo = (−1.01, 0) is infeasible and far
    // from it. The bound is θ·spread (concavity of L along the segment), where (1 − θ)·spread reported 0.025 at θ ≈ 0.99
    // for a point 2.4 below OPT.
    type X = { x: [number, number]; gap: number };
    const f = (s: X) => s.x[0] + s.x[1];
    const c = (s: X) => s.x[0] ** 2 + s.x[1] ** 2;
    const hi: X = { x: [0.5, 0.5], gap: 0 };
    const lo: X = { x: [-1.01, 0], gap: 0 };
    const found = { solution: hi, multiplier: 1, constraint: c(hi), gap: 1 * (1 - c(hi)) };
    const result = segmentSearch(found, { solution: lo, mu: 0.5, constraint: c(lo) }, c, 1, {
      mix: (from: X, toward: X, theta: number): X => ({
        x: [(1 - theta) * from.x[0] + theta * toward.x[0], (1 - theta) * from.x[1] + theta * toward.x[1]],
        gap: from.gap,
      }),
      objective: f,
      concave: true,
    });
    if (result !== null) {
      expect(c(result.solution)).toBeLessThanOrEqual(1);
      expect(result.gap).toBeGreaterThanOrEqual(Math.SQRT2 - f(result.solution));
    }
  });
});
