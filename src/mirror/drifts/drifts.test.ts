import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { BaseDrift, Drift, DriftContext } from './drift.js';
import { driftArbitrary } from './driftArbitrary.js';
import { DRIFT_KINDS, parseDriftSpec } from './driftRegistry.js';
import { ppoClipDrift } from './ppoClipDrift.js';

const ctxOf = (advantage: number[]): DriftContext => ({
  state: 0,
  advantage: Float64Array.from(advantage),
  maxAbsAdvantage: Math.max(...advantage.map(Math.abs)),
  gamma: 0.9,
});
const dist = (n: number, interior: boolean) =>
  fc.array(fc.integer({ min: interior ? 1 : 0, max: 9 }), { minLength: n, maxLength: n }).map((w) => {
    if (!w.some((x) => x !== 0)) w[0] = 1;
    const t = w.reduce((a, b) => a + b, 0);
    return Float64Array.from(w, (x) => x / t);
  });
const builtins: Drift[] = DRIFT_KINDS.map((k) => k.build(k.parameter?.fallback ?? 1));
const bases = builtins.filter((d): d is BaseDrift => typeof (d as Partial<BaseDrift>).maximize === 'function');

describe.each(builtins.map((d) => [d.name, d] as const))('drift %s (Definition 1)', (_name, drift) => {
  test('is nonnegative, zero at π̄ = π, never NaN (+∞ allowed)', () => {
    fc.assert(
      fc.property(
        dist(4, false),
        dist(4, false),
        fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 4, maxLength: 4 }),
        (pi, piBar, adv) => {
          const ctx = ctxOf(adv);
          const d = drift.value(piBar, pi, ctx);
          expect(Number.isNaN(d)).toBe(false);
          expect(d).toBeGreaterThanOrEqual(0);
          expect(drift.value(pi, pi, ctx)).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('has zero directional derivatives at π (full-support π; every π unless interior-only)', () => {
    fc.assert(
      fc.property(
        dist(4, drift.interiorOnly === true),
        dist(4, false),
        fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 4, maxLength: 4 }),
        (pi, p, adv) => {
          const ctx = ctxOf(adv);
          const at = (eps: number) =>
            drift.value(
              Float64Array.from(pi, (x, a) => x + eps * (p[a] - x)),
              pi,
              ctx,
            );
          // D(π + εv)/ε → 0: at ε = 1e-6 the ratio is O(ε) for a smooth drift and 0 for PPO's flat region.
          expect(at(1e-6) / 1e-6).toBeLessThan(1e-3 * (1 + Math.max(...adv.map(Math.abs))));
        },
      ),
      { numRuns: 300 },
    );
  });
});

test('KL and reverse KL are +∞ where support is dropped, without NaN', () => {
  const kl = parseDriftSpec('kl');
  const rkl = parseDriftSpec('rkl');
  const ctx = ctxOf([0, 0]);
  expect(kl.value(Float64Array.from([1, 0]), Float64Array.from([0.5, 0.5]), ctx)).toBe(Infinity);
  expect(kl.value(Float64Array.from([0.5, 0.5]), Float64Array.from([1, 0]), ctx)).toBeCloseTo(Math.log(2), 15);
  expect(rkl.value(Float64Array.from([0.5, 0.5]), Float64Array.from([1, 0]), ctx)).toBe(Infinity);
  expect(parseDriftSpec('kl:50').value(Float64Array.from([1, 0]), Float64Array.from([0.5, 0.5]), ctx)).toBe(Infinity);
});

test('at a boundary π, KL’s derivative toward mass outside the support is that mass (why it is interior-only)', () => {
  const kl = parseDriftSpec('kl');
  const pi = Float64Array.from([1, 0]);
  const eps = 1e-8;
  const d = kl.value(Float64Array.from([1 - eps * 0.5, eps * 0.5]), pi, ctxOf([0, 0]));
  expect(d / eps).toBeCloseTo(0.5, 6);
});

describe.each(bases.map((d) => [d.name, d] as const))('closed form of %s', (_name, drift) => {
  // Brute force on 3 actions: the closed form's objective is at least the best point of a 1/300 grid of the simplex
  // (up to rounding), and its maximiser never scores below π.
  test('beats a brute-force grid on 3 actions', () => {
    fc.assert(
      fc.property(
        dist(3, true),
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 3, maxLength: 3 }),
        fc.constantFrom(0.1, 1, 5),
        fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 3, maxLength: 3 }),
        (pi, gArr, c, adv) => {
          const g = Float64Array.from(gArr);
          const ctx = ctxOf(adv);
          const phi = (p: Float64Array) => {
            const d = drift.value(p, pi, ctx);
            return d === Infinity ? -Infinity : p[0] * g[0] + p[1] * g[1] + p[2] * g[2] - c * d;
          };
          const out = new Float64Array(3);
          drift.maximize(g, c, pi, ctx, out);
          const best = phi(out);
          const n = 300;
          let grid = -Infinity;
          const p = new Float64Array(3);
          for (let i = 0; i <= n; i++) {
            for (let j = 0; i + j <= n; j++) {
              p[0] = i / n;
              p[1] = j / n;
              p[2] = (n - i - j) / n;
              grid = Math.max(grid, phi(p));
            }
          }
          expect(best).toBeGreaterThanOrEqual(grid - 1e-9 * (1 + Math.abs(grid)));
          expect(best).toBeGreaterThanOrEqual(phi(pi) - 1e-12);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('PPO identity (Kuba et al. 2022, Eq. 7)', () => {
  test('E_{π_old}[min(rA, clip(r,1±ε)A)] = E_{π̄}[A] − D_ppo(π̄) for every π̄', () => {
    fc.assert(
      fc.property(
        dist(4, true),
        dist(4, false),
        fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 4, maxLength: 4 }),
        fc.constantFrom(0.1, 0.2, 0.5),
        (pi, piBar, adv, eps) => {
          const drift = ppoClipDrift(eps);
          let clipped = 0;
          let mean = 0;
          for (let a = 0; a < 4; a++) {
            const r = piBar[a] / pi[a];
            const rc = Math.min(Math.max(r, 1 - eps), 1 + eps);
            clipped += pi[a] * Math.min(r * adv[a], rc * adv[a]);
            mean += piBar[a] * adv[a];
          }
          const d = drift.value(piBar, pi, ctxOf(adv));
          expect(Math.abs(clipped - (mean - d))).toBeLessThan(1e-12 * (1 + Math.abs(mean)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('random drift constructions', () => {
  test('stay drifts: nonnegative, zero at π, no NaN', () => {
    fc.assert(
      fc.property(driftArbitrary(), dist(3, true), dist(3, false), (drift, pi, piBar) => {
        const ctx = ctxOf([1, -1, 0]);
        const d = drift.value(piBar, pi, ctx);
        expect(Number.isNaN(d)).toBe(false);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(drift.value(pi, pi, ctx)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseDriftSpec', () => {
  test.each([
    ['nope', /--drift: unknown drift "nope"/],
    ['kl:abc', /--drift: "kl:abc": "abc" is not a finite number/],
    ['kl:-1', /--drift: "kl:-1": coefficient -1 must be > 0/],
    ['ppo:1.5', /--drift: "ppo:1.5": ppo: epsilon=1.5 must be in \(0, 1\)/],
    ['zero:3', /--drift: "zero:3" has too many parts/],
    ['kl:1:2', /--drift: "kl:1:2" has too many parts/],
  ])('rejects %s', (spec, message) => {
    expect(() => parseDriftSpec(spec)).toThrow(message);
  });
  test('scales by the coefficient', () => {
    const ctx = ctxOf([0, 0]);
    const a = Float64Array.from([0.2, 0.8]);
    const b = Float64Array.from([0.5, 0.5]);
    expect(parseDriftSpec('l2:50').value(a, b, ctx)).toBeCloseTo(50 * parseDriftSpec('l2').value(a, b, ctx), 12);
  });
});

describe('drift specs of constructions', () => {
  test('every drawn construction replays from its name: same name, same values', () => {
    const ctx = { state: 3, advantage: Float64Array.from([1, -1, 0.5]), maxAbsAdvantage: 1, gamma: 0.9 };
    const pi = Float64Array.from([0.5, 0.3, 0.2]);
    const piBar = Float64Array.from([0.2, 0.3, 0.5]);
    fc.assert(
      fc.property(driftArbitrary(), (d) => {
        const again = parseDriftSpec(d.name);
        expect(again.name).toBe(d.name);
        expect(again.value(piBar, pi, ctx)).toBe(d.value(piBar, pi, ctx));
        expect(Boolean(again.interiorOnly)).toBe(Boolean(d.interiorOnly));
      }),
      { numRuns: 300 },
    );
  });

  test.each([
    ['0.5*kl+3*l2', 0.5 * 0.2 * Math.log(0.2 / 0.3) + 0.5 * 0.8 * Math.log(0.8 / 0.7) + 3 * 2 * 0.1 ** 2],
    ['2*(l2+tv2)', 2 * (2 * 0.1 ** 2 + 0.1 ** 2)],
    ['square(l2:2)', (2 * 2 * 0.1 ** 2) ** 2],
    ['state[1,4](l2)', 4 * 2 * 0.1 ** 2],
  ])('%s', (spec, expected) => {
    const ctx = { state: 1, advantage: new Float64Array(2), maxAbsAdvantage: 0, gamma: 0.9 };
    expect(parseDriftSpec(spec).value(Float64Array.from([0.3, 0.7]), Float64Array.from([0.2, 0.8]), ctx)).toBeCloseTo(
      expected,
      14,
    );
  });

  test.each([
    ['kl+', /expected a drift/],
    ['log1p(kl', /expected "\)"/],
    ['0*kl+l2', /weight "0" must be a number > 0/],
    ['state[1,-1](kl)', /state scales must be numbers > 0/],
    ['foo(kl)', /unknown drift "foo"/],
  ])('bad construction %s is a one-line error', (spec, message) => {
    expect(() => parseDriftSpec(spec)).toThrow(message);
  });
});
