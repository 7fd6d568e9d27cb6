import { describe, expect, test } from 'vitest';
import { parseDriftSpec } from '../../mirror/drifts/driftRegistry.js';
import { UNIT_ROUNDOFF } from '../../numeric/rounding.js';
import { expressionDrift } from './expressionDrift.js';
import { probeInputs } from './probeDrift.js';

/**
 * The built-in drifts people write by hand, as expressions (docs/drifts.md shows the same table), with the magnitude
 * of what each sums where it cancels (a KL written as a difference of logs rounds relative to its terms, not to the
 * result); null where the terms are nonnegative and the result is that magnitude.
 */
const BUILT_INS_AS_EXPRESSIONS: readonly (readonly [string, string, string | null])[] = [
  ['kl', 'max(0, sum(xlogy(pi, pi) - xlogy(pi, piBar)))', 'sum(abs(xlogy(pi, pi)) + abs(xlogy(pi, piBar)))'],
  [
    'rkl',
    'max(0, sum(xlogy(piBar, piBar) - xlogy(piBar, pi)))',
    'sum(abs(xlogy(piBar, piBar)) + abs(xlogy(piBar, pi)))',
  ],
  ['hellinger', 'sum((sqrt(piBar) - sqrt(pi)).^2)', null],
  ['chi2', 'sum(xdivy((piBar - pi).^2, pi))', null],
  ['l2', 'sum((piBar - pi).^2)', null],
  ['tv2', '(0.5 * sum(abs(piBar - pi)))^2', null],
];

describe('expressions can say every built-in drift', () => {
  // Interior rows, rows with zeros, π̄ = π, and π̄ leaving supp π (where KL-like drifts are +∞).
  const inputs = [
    ...probeInputs(200, 99),
    { piBar: Float64Array.from([0.5, 0.5]), pi: Float64Array.from([1, 0]), ctx: probeInputs(1, 1)[0].ctx },
    { piBar: Float64Array.from([1, 0]), pi: Float64Array.from([0.5, 0.5]), ctx: probeInputs(1, 1)[0].ctx },
    { piBar: Float64Array.from([0, 1e-200, 1]), pi: Float64Array.from([0, 1e-300, 1]), ctx: probeInputs(1, 1)[0].ctx },
  ];

  test.each(BUILT_INS_AS_EXPRESSIONS)('%s = %s, to rounding, at interior and boundary rows', (spec, text, terms) => {
    const builtIn = parseDriftSpec(spec);
    const expression = expressionDrift(text);
    const magnitude = terms === null ? null : expressionDrift(terms);
    for (const { piBar, pi, ctx } of inputs) {
      if (piBar.length !== pi.length) continue;
      const want = builtIn.value(piBar, pi, ctx);
      const got = expression.value(piBar, pi, ctx);
      const where = `${spec} at piBar=${Array.from(piBar)}, pi=${Array.from(pi)}`;
      if (!Number.isFinite(want)) {
        expect(got, where).toBe(want);
        continue;
      }
      // Sums of |A| ≤ 4 terms, each a few roundings: 16u of the terms' magnitude (plus underflow).
      const scale = magnitude ? magnitude.value(piBar, pi, ctx) : Math.max(Math.abs(want), Math.abs(got));
      expect(Math.abs(got - want), where).toBeLessThanOrEqual(16 * UNIT_ROUNDOFF * scale + 1e-300);
    }
  });

  test('element-wise log, exp and sqrt of vectors (mathjs 15 refuses them) and 0·log 0 = 0', () => {
    const ctx = probeInputs(1, 1)[0].ctx;
    const pi = Float64Array.from([0.25, 0.75]);
    const piBar = Float64Array.from([0, 1]);
    expect(expressionDrift('sum(exp(piBar) + log(pi))').value(piBar, pi, ctx)).toBeCloseTo(
      1 + Math.E + Math.log(0.25) + Math.log(0.75),
      14,
    );
    expect(expressionDrift('sum(sqrt(pi))').value(piBar, pi, ctx)).toBeCloseTo(0.5 + Math.sqrt(0.75), 15);
    expect(expressionDrift('sum(xlogy(piBar, piBar))').value(piBar, pi, ctx)).toBe(0);
    expect(expressionDrift('sum(xdivy(piBar, piBar))').value(piBar, pi, ctx)).toBe(1);
  });

  test("mathjs's own round(x, n), floor and ceil stay; log(v, base) works on vectors", () => {
    const ctx = probeInputs(1, 1)[0].ctx;
    const pi = Float64Array.from([0.25, 0.75]);
    const piBar = Float64Array.from([0.125, 0.875]);
    expect(expressionDrift('sum(round(piBar, 1))').value(piBar, pi, ctx)).toBeCloseTo(0.1 + 0.9, 15);
    expect(expressionDrift('round(-2.5) + 3').value(piBar, pi, ctx)).toBe(0);
    expect(expressionDrift('sum(log(pi, 2))').value(piBar, pi, ctx)).toBeCloseTo(Math.log2(0.25) + Math.log2(0.75), 14);
  });

  test('a NaN names its inputs and says what to do at zeros', () => {
    const d = expressionDrift('sum((piBar - pi).^2 ./ pi)');
    const ctx = probeInputs(1, 1)[0].ctx;
    expect(() => d.value(Float64Array.from([0, 1]), Float64Array.from([0, 1]), ctx)).toThrow(
      /piBar=\[0, 1\], pi=\[0, 1\].*returned NaN.*xdivy/,
    );
  });

  test('the allow-list still holds: no import, parse or evaluate through the new functions', () => {
    expect(() => expressionDrift('import("fs")')).toThrow(/not allowed/);
    expect(() => expressionDrift('xlogy(evaluate("1"), pi)')).toThrow(/not allowed/);
  });
});
