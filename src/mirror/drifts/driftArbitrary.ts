import fc from 'fast-check';
import {
  DRIFT_TRANSFORMS,
  type DriftTransform,
  scaledDrift,
  stateScaledDrift,
  sumDrift,
  transformedDrift,
} from './combinators.js';
import type { Drift } from './drift.js';
import { DRIFT_KINDS } from './driftRegistry.js';

/** The valid base drifts a random construction starts from. */
const bases: Drift[] = DRIFT_KINDS.filter((k) => k.name !== 'zero').map((k) => k.build(k.parameter?.fallback ?? 1));

/**
 * Random valid drifts (Definition 1 is closed under each step): a base drift; c·D; nonnegative combinations;
 * monotone transforms f(D) with f(0) = 0, f′(0) finite; state-dependent positive scales. Shrinks toward a single
 * base drift. `transforms` restricts the f of f(D) (the theorem claims take the convex ones: see `constructionArbitrary`).
 */
export function driftArbitrary(
  maxDepth = 2,
  transforms: readonly DriftTransform[] = DRIFT_TRANSFORMS,
): fc.Arbitrary<Drift> {
  const base = fc.constantFrom(...bases);
  const { drift } = fc.letrec<{ drift: Drift }>((tie) => ({
    drift: fc.oneof(
      { depthSize: 'small', maxDepth, withCrossShrink: true },
      base,
      fc.tuple(tie('drift'), fc.constantFrom(0.5, 2, 10, 50)).map(([d, c]) => scaledDrift(d, c)),
      fc
        .tuple(tie('drift'), tie('drift'), fc.constantFrom(0.5, 1, 3), fc.constantFrom(0.5, 1, 3))
        .map(([a, b, wa, wb]) =>
          sumDrift([
            { drift: a, weight: wa },
            { drift: b, weight: wb },
          ]),
        ),
      fc.tuple(tie('drift'), fc.constantFrom(...transforms)).map(([d, t]) => transformedDrift(d, t)),
      fc
        .tuple(tie('drift'), fc.array(fc.constantFrom(0.25, 1, 4), { minLength: 8, maxLength: 8 }))
        .map(([d, scales]) => stateScaledDrift(d, scales)),
    ),
  }));
  return drift;
}
