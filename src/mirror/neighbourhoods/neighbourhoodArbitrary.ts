import fc from 'fast-check';
import { DRIFT_KINDS } from '../drifts/driftRegistry.js';
import type { Ball, BallDivergence, Neighbourhood } from './neighbourhood.js';
import { trivialNeighbourhood } from './neighbourhood.js';

const divergences: BallDivergence[] = [
  'drift',
  ...DRIFT_KINDS.filter((k) => !['zero', 'ppo', 'logratio2'].includes(k.name)).map((k) => k.build(1)),
];

const ballArbitrary: fc.Arbitrary<Ball> = fc.oneof(
  fc.record({
    kind: fc.constant('expected-ball' as const),
    divergence: fc.constantFrom(...divergences),
    radius: fc.constantFrom(0.05, 0.01, 0.5, 1e-4),
    weighting: fc.constantFrom('sampling' as const, 'visitation' as const),
  }),
  fc.record({
    kind: fc.constant('state-ball' as const),
    divergence: fc.constantFrom(...divergences),
    radius: fc.constantFrom(0.05, 0.01, 0.5, 1e-4),
  }),
);

/**
 * Random neighbourhood operators (Definition 2) for properties: the trivial one, or an intersection of up to two balls
 * (expected or per-state) of a convex divergence — or the configured drift — with a positive radius. Every such set
 * contains a ball around π, is compact and continuous in π, and keeps a policy inside when one state reverts to π.
 * Shrinks toward the trivial neighbourhood. `maxPerKind` bounds the balls of one kind (expected, per-state) in an
 * intersection: balls of a kind are nested dual searches, one inside the other (two expected balls took 34 s on a
 * 4-state case, two state balls around an uncertified drift 118 s on a 6-state one).
 */
export function neighbourhoodArbitrary(maxPerKind = 2): fc.Arbitrary<Neighbourhood> {
  return fc.oneof(
    fc.constant(trivialNeighbourhood),
    fc
      .array(ballArbitrary, { minLength: 1, maxLength: 2 })
      .filter((balls) => balls.every((b) => balls.filter((c) => c.kind === b.kind).length <= maxPerKind))
      .map((balls) => ({
        name: balls
          .map((b) => {
            const div = b.divergence === 'drift' ? 'drift' : b.divergence.name;
            return b.kind === 'state-ball' ? `${div}-state-ball:${b.radius}` : `${div}-ball:${b.radius}:${b.weighting}`;
          })
          .join('+'),
        balls,
      })),
  );
}
