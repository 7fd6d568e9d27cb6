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

  test('keeps every part, and a base drift stays its own family', () => {
    const kl = forwardKlDrift;
    expect(kl.family!.base).toBe(kl);
    const copy = canonicalDrift(kl);
    for (const part of PARTS.filter((p) => p !== 'separable'))
      expect(copy[part as keyof typeof copy]).toBe(kl[part as keyof typeof kl]);
    for (const part of SEPARABLE) {
      const key = part as keyof NonNullable<typeof kl.separable>;
      expect(copy.separable![key]).toBe(kl.separable![key]);
    }
  });
});
