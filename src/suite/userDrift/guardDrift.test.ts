import { describe, expect, test } from 'vitest';
import { canonicalDrift, type Drift, type DriftContext } from '../../mirror/drifts/drift.js';
import { expressionDrift } from './expressionDrift.js';
import { DriftContractError, guardDrift } from './guardDrift.js';

const ctx = (): DriftContext => ({
  state: 2,
  advantage: new Float64Array([0.5, -0.5]),
  maxAbsAdvantage: 0.5,
  gamma: 0.9,
});

describe('guardDrift', () => {
  test('a guarded drift, with or without a gradient, has the engine’s one drift shape (canonicalDrift)', () => {
    const plain: Drift = { name: 'plain', value: () => 0 };
    const withGradient: Drift = { ...plain, gradient: (_p, _q, _c, out) => out.fill(0), convex: true };
    const shape = Object.keys(canonicalDrift(plain));
    expect(Object.keys(guardDrift(plain, 'plain'))).toEqual(shape);
    expect(Object.keys(guardDrift(withGradient, 'withGradient'))).toEqual(shape);
    expect(Object.keys(expressionDrift('sum((piBar - pi).^2)'))).toEqual(shape);
  });

  test("a drift that writes into its inputs cannot change the engine's arrays", () => {
    const vandal: Drift = {
      name: 'vandal',
      value(piBar, pi, c) {
        piBar.fill(7);
        pi.fill(7);
        (c.advantage as Float64Array).fill(7);
        return 0;
      },
      gradient(piBar, pi, c, out) {
        piBar.fill(7);
        pi.fill(7);
        (c.advantage as Float64Array).fill(7);
        out.fill(0);
      },
    };
    const g = guardDrift(vandal, 'vandal');
    const piBar = new Float64Array([0.25, 0.75]);
    const pi = new Float64Array([0.5, 0.5]);
    const c = ctx();
    g.value(piBar, pi, c);
    g.gradient!(piBar, pi, c, new Float64Array(2));
    expect([...piBar, ...pi, ...c.advantage]).toEqual([0.25, 0.75, 0.5, 0.5, 0.5, -0.5]);
  });

  test('the copied context carries every field of the engine’s context', () => {
    let seen: DriftContext | null = null;
    const g = guardDrift({ name: 'spy', value: (_b, _p, c) => ((seen = c), 0) }, 'spy');
    const c = ctx();
    g.value(new Float64Array([0.5, 0.5]), new Float64Array([0.5, 0.5]), c);
    expect(seen).not.toBe(c);
    expect({ ...seen!, advantage: [...seen!.advantage] }).toEqual({ ...c, advantage: [...c.advantage] });
    expect(Object.keys(seen!).sort()).toEqual(Object.keys(c).sort());
  });

  test('a throw, a non-number and NaN become one-line contract errors naming the inputs', () => {
    const pi = new Float64Array([1, 0]);
    const bad = (value: Drift['value']) => () => guardDrift({ name: 'bad', value }, 'bad').value(pi, pi, ctx());
    expect(
      bad(() => {
        throw new Error('boom');
      }),
    ).toThrow(DriftContractError);
    expect(bad(() => 'x' as unknown as number)).toThrow(/returned string, not a number/);
    expect(bad(() => NaN)).toThrow(/returned NaN — at entries that are 0/);
    expect(guardDrift({ name: 'inf', value: () => Infinity }, 'inf').value(pi, pi, ctx())).toBe(Infinity);
  });
});
