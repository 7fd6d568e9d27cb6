import { describe, expect, test } from 'vitest';
import { DRIFT_TRANSFORMS, scaledDrift, stateScaledDrift, sumDrift, transformedDrift } from './combinators.js';
import { canonicalDrift, type Drift } from './drift.js';
import { DRIFT_KINDS, parseDriftSpec } from './driftRegistry.js';
import { forwardKlDrift } from './forwardKlDrift.js';
import { squaredTvDrift } from './squaredTvDrift.js';
import { totalVariationDistance } from './totalVariationDistance.js';

/** The canonical order of a drift's parts, and of its separable terms' (`canonicalDrift`). */
const PARTS = ['name', 'convex', 'interiorOnly', 'value', 'gradient', 'family', 'separable', 'quadratic', 'maximize'];
const SEPARABLE = ['term', 'derivative', 'curvature', 'kinks'];

function expectCanonical(drift: Drift) {
  expect(Object.keys(drift)).toEqual(PARTS);
  if (drift.separable) expect(Object.keys(drift.separable)).toEqual(SEPARABLE);
}

describe('canonicalDrift (one shape for every drift the engine builds)', () => {
  test('every built-in drift, TV itself, and every combinator result has the same parts in the same order', () => {
    const drifts: Drift[] = [
      ...DRIFT_KINDS.map((k) => k.build(k.parameter?.fallback ?? 1)),
      ...DRIFT_KINDS.map((k) => k.build(k.name === 'ppo' ? 0.3 : 3)),
      totalVariationDistance,
      scaledDrift(forwardKlDrift, 2),
      stateScaledDrift(squaredTvDrift, [1, 2]),
      sumDrift([
        { drift: forwardKlDrift, weight: 1 },
        { drift: squaredTvDrift, weight: 2 },
      ]),
      ...DRIFT_TRANSFORMS.map((t) => transformedDrift(forwardKlDrift, t)),
      parseDriftSpec('0.5*(kl+tv2)+linsq(l2)'),
    ];
    for (const drift of drifts) expectCanonical(drift);
  });

  test('keeps every part of a drift of another shape, refuses one it would drop; a base drift is its own family', () => {
    const part = (tag: string) => Object.assign(() => 0, { tag });
    const separable = { kinks: part('kinks'), curvature: part('curvature'), derivative: part('d'), term: part('t') };
    const literal = {
      maximize: part('maximize'),
      quadratic: { inner: totalVariationDistance, scale: () => 1 },
      separable,
      family: { base: forwardKlDrift, scale: () => 2 },
      gradient: part('gradient'),
      value: part('value'),
      interiorOnly: true,
      convex: true,
      name: 'every part',
    } as unknown as Drift;
    const copy = canonicalDrift(literal);
    expectCanonical(copy);
    for (const key of PARTS.filter((p) => p !== 'separable'))
      expect(copy[key as keyof Drift]).toBe(literal[key as keyof Drift]);
    for (const key of SEPARABLE)
      expect(copy.separable![key as keyof typeof separable]).toBe(separable[key as keyof typeof separable]);
    expect(() => canonicalDrift({ ...literal, epsilon: 0.2 } as unknown as Drift)).toThrow('part epsilon');
    expect(() =>
      canonicalDrift({ ...literal, separable: { ...separable, extra: part('x') } } as unknown as Drift),
    ).toThrow('every part.separable has a part extra');
    for (const base of [forwardKlDrift, squaredTvDrift]) expect(base.family!.base).toBe(base);
    expect(squaredTvDrift.quadratic!.inner).toBe(totalVariationDistance);
    expect(parseDriftSpec('ppo:0.2').separable!.kinks).toBeTypeOf('function');
  });
});
