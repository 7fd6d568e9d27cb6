import { describe, expect, test } from 'vitest';
import { generateMdp } from '../../mdp/generateMdp.js';
import { PolicyEvaluator } from '../../policy/evaluatePolicy.js';
import { uniformPolicy } from '../../policy/policy.js';
import { parseDriftSpec } from '../drifts/driftRegistry.js';
import { parseNeighbourhoodSpec } from '../neighbourhoods/neighbourhoodSpec.js';
import type { MirrorConfig } from './mirrorConfig.js';
import { mirrorUpdate } from './mirrorUpdate.js';
import { acquireStateHolders } from './stateHolders.js';

const l2 = parseDriftSpec('l2:1');
const A = 7; // a number of actions no other test of this file's worker uses: its pool starts empty

function arrays(S: number, offset: number) {
  const q = Float64Array.from({ length: S * A }, (_, i) => i + offset);
  const pi = Float64Array.from({ length: S * A }, () => 1 / A);
  const advantage = Float64Array.from({ length: S * A }, (_, i) => (i % 2 ? -1 : 1) * (i + offset));
  return { q, pi, advantage };
}

describe('stateHolders', () => {
  test('refills the same objects for the next update: views of its arrays, its coefficients, cold warm records', () => {
    const first = arrays(3, 0);
    const h1 = acquireStateHolders(3, A, first.q, first.pi, first.advantage, 0.9, l2, (s) => s + 1);
    const problem = h1.problems[1];
    const beyond = h1.problems[2];
    h1.warm[1].delta = 5;
    h1.warm[1].m = 2;
    h1.warm[1].dDelta = 1;
    h1.release();
    const second = arrays(2, 100);
    const tv2 = parseDriftSpec('tv2:5');
    const h2 = acquireStateHolders(2, A, second.q, second.pi, second.advantage, 0.5, tv2, (s) => 10 * s);
    expect(h2.problems[1]).toBe(problem);
    expect(h2.problems.length).toBe(2);
    expect(h2.contexts.length).toBe(2);
    expect([...h2.problems[1].g]).toEqual([...second.q.subarray(A, 2 * A)]);
    expect(h2.problems[1].pi.buffer).toBe(second.pi.buffer);
    expect(h2.problems[1].terms[0]).toEqual({ drift: tv2, coef: 10 });
    expect(h2.problems[1].ctx).toBe(h2.contexts[1]);
    expect(h2.contexts[1]).toMatchObject({ state: 1, gamma: 0.5, maxAbsAdvantage: 100 + 2 * A - 1 });
    expect([...h2.contexts[1].advantage]).toEqual([...second.advantage.subarray(A, 2 * A)]);
    expect(h2.warm[1]).toEqual({ delta: NaN, kappa: NaN, m: NaN, dDelta: NaN, dKappa: NaN });
    // The third state, beyond this update's two, keeps none of the last update's arrays alive.
    expect([beyond.g.length, beyond.pi.length, beyond.ctx.advantage.length]).toEqual([0, 0, 0]);
    h2.release();
  });

  test('an update inside another gets its own objects, and does not hand the outer ones out', () => {
    const { q, pi, advantage } = arrays(2, 0);
    const outer = acquireStateHolders(2, A, q, pi, advantage, 0.9, l2, () => 1);
    const inner = acquireStateHolders(2, A, q, pi, advantage, 0.9, l2, () => 2);
    expect(inner.problems[0]).not.toBe(outer.problems[0]);
    inner.release();
    const again = acquireStateHolders(2, A, q, pi, advantage, 0.9, l2, () => 3);
    expect(again.problems[0]).not.toBe(outer.problems[0]);
    expect(outer.problems[0].terms[0].coef).toBe(1);
    again.release();
    outer.release();
    const next = acquireStateHolders(2, A, q, pi, advantage, 0.9, l2, () => 4);
    expect(next.problems[0]).toBe(outer.problems[0]);
    next.release();
  });

  test('updates of other MDPs in between leave an update bitwise as it was (TV² and L2 in KL balls)', () => {
    // One neighbourhood for all, as a run has: its ball's divergence is then the same object, and the probes' problems
    // are refilled rather than built again.
    const neighbourhood = parseNeighbourhoodSpec('kl-ball:0.05');
    const update = (seed: number, S: number, drift: string) => {
      const mdp = generateMdp({ seed, states: S, actions: 3, gamma: 0.95 });
      // L2's π_old off the uniform policy: the two updates' rows differ in π as well as in Q.
      const piOld =
        drift === 'l2:1' ? Float64Array.from({ length: 3 * S }, (_, i) => [0.5, 0.3, 0.2][i % 3]) : uniformPolicy(S, 3);
      const config: MirrorConfig = {
        drift: parseDriftSpec(drift),
        nu: 'sampling',
        neighbourhood,
        sampling: { kind: 'uniform' },
      };
      const evaluation = new PolicyEvaluator(mdp).evaluate(piOld);
      const beta = new Float64Array(S).fill(1 / S);
      return mirrorUpdate({ mdp, piOld, evaluation, beta }, config);
    };
    // References on objects of their own: an update while the pool is taken gets fresh ones.
    const { q, pi, advantage } = arrays(1, 0);
    const taken = acquireStateHolders(1, 3, q, pi, advantage, 0.9, l2, () => 1);
    const reference = [update(1, 6, 'tv2:5'), update(2, 9, 'l2:1')];
    taken.release();
    const pooled = [update(1, 6, 'tv2:5'), update(2, 9, 'l2:1'), update(1, 6, 'tv2:5')];
    expect(reference[0].multipliers![0]).toBeGreaterThan(0); // the ball is active: its probes solved every state
    expect(reference[1].multipliers![0]).toBeGreaterThan(0);
    for (let i = 0; i < pooled.length; i++) {
      const [got, want] = [pooled[i], reference[i % 2]];
      expect([...got.piNew]).toEqual([...want.piNew]);
      expect(got.objective).toBe(want.objective);
      expect(got.multipliers).toEqual(want.multipliers);
      expect(got.certificate).toEqual(want.certificate);
    }
  });

  test('scratch doubles: zeroed, never handed out twice in an update, the arena reused by the next; no answer is one', () => {
    const { q, pi, advantage } = arrays(2, 0);
    const first = acquireStateHolders(2, A, q, pi, advantage, 0.9, l2, () => 1);
    const a = first.floats(5);
    const b = first.floats(5);
    a.fill(1);
    expect([...b]).toEqual([0, 0, 0, 0, 0]);
    expect(b.buffer).toBe(a.buffer); // views on one arena, not arrays of their own
    first.release();
    const second = acquireStateHolders(2, A, q, pi, advantage, 0.9, l2, () => 1);
    const c = second.floats(5);
    expect(c.buffer).toBe(a.buffer);
    expect([...c]).toEqual([0, 0, 0, 0, 0]); // a's doubles again, zeroed
    const huge = second.floats(2 ** 18); // beyond the arena's limit: an array of its own
    expect(huge.buffer).not.toBe(a.buffer);
    expect(huge.length).toBe(2 ** 18);
    second.release();
    // A ball's probes take their rows there; the update's answer is an array of its own (it outlives the update).
    const S = 4;
    const mdp = generateMdp({ seed: 5, states: S, actions: A, gamma: 0.9 });
    const piOld = uniformPolicy(S, A);
    const evaluation = new PolicyEvaluator(mdp).evaluate(piOld);
    const config: MirrorConfig = {
      drift: parseDriftSpec('tv2:5'),
      nu: 'sampling',
      neighbourhood: parseNeighbourhoodSpec('kl-ball:0.01'),
      sampling: { kind: 'uniform' },
    };
    const result = mirrorUpdate({ mdp, piOld, evaluation, beta: new Float64Array(S).fill(1 / S) }, config);
    expect(result.multipliers![0]).toBeGreaterThan(0); // the ball is active: its probes used the arena
    expect(result.piNew.buffer.byteLength).toBe(S * A * 8);
    expect(result.piNew.buffer).not.toBe(a.buffer);
  });

  test('an update whose drift throws hands its objects back', () => {
    const { q, pi, advantage } = arrays(2, 0);
    const before = acquireStateHolders(2, A, q, pi, advantage, 0.9, l2, () => 1);
    before.release();
    const mdp = generateMdp({ seed: 3, states: 2, actions: A, gamma: 0.9 });
    const piOld = uniformPolicy(2, A);
    const evaluation = new PolicyEvaluator(mdp).evaluate(piOld);
    const throwing = {
      ...l2,
      family: undefined,
      value: () => {
        throw new Error('drift failed');
      },
    };
    const config: MirrorConfig = {
      drift: throwing,
      nu: 'sampling',
      neighbourhood: parseNeighbourhoodSpec('trivial'),
      sampling: { kind: 'uniform' },
    };
    expect(() => mirrorUpdate({ mdp, piOld, evaluation, beta: new Float64Array([0.5, 0.5]) }, config)).toThrow(
      'drift failed',
    );
    const after = acquireStateHolders(2, A, q, pi, advantage, 0.9, l2, () => 1);
    expect(after.problems[0]).toBe(before.problems[0]);
    after.release();
  });
});
