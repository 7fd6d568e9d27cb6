import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mdpArbitrary } from '../mdp/arbitraries/mdpArbitrary.js';
import { FIXTURE_BUILDERS } from '../mdp/fixtureBuilders.js';
import { policyIteration } from './policyIteration.js';
import { valueIteration } from './valueIteration.js';

describe('policyIteration', () => {
  test.each(Object.keys(FIXTURE_BUILDERS))('agrees with value iteration on %s', (file) => {
    const mdp = FIXTURE_BUILDERS[file]();
    const sol = policyIteration(mdp);
    const vi = valueIteration(mdp, 1e-9);
    for (let s = 0; s < mdp.numStates; s++) {
      expect(Math.abs(sol.vStar[s] - vi.v[s])).toBeLessThanOrEqual(sol.errorBound.v + 1e-9);
    }
  });

  test('agrees with value iteration on random MDPs, and is certified', () => {
    fc.assert(
      fc.property(mdpArbitrary({ maxGamma: 0.99 }), (mdp) => {
        const sol = policyIteration(mdp);
        const vi = valueIteration(mdp, 1e-9);
        for (let s = 0; s < mdp.numStates; s++) {
          expect(Math.abs(sol.vStar[s] - vi.v[s])).toBeLessThanOrEqual(sol.errorBound.v + 1e-9);
        }
      }),
      { numRuns: 60 },
    );
  });

  test('is deterministic and breaks ties toward the lowest index', () => {
    // Two actions identical in every respect: the optimal policy picks action 0.
    fc.assert(
      fc.property(mdpArbitrary({ minActions: 1, maxActions: 1 }), (base) => {
        const S = base.numStates;
        const reward = new Float64Array(S * 2);
        const transition = new Float64Array(S * 2 * S);
        for (let s = 0; s < S; s++) {
          for (let a = 0; a < 2; a++) {
            reward[s * 2 + a] = base.reward[s];
            transition.set(base.transition.subarray(s * S, (s + 1) * S), (s * 2 + a) * S);
          }
        }
        const mdp = { ...base, numActions: 2, reward, transition };
        const a = policyIteration(mdp);
        const b = policyIteration(mdp);
        expect(Array.from(a.actions)).toEqual(Array.from(b.actions));
        expect(Array.from(a.actions)).toEqual(new Array(S).fill(0));
      }),
      { numRuns: 30 },
    );
  });
});
