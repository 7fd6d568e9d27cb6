import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mdpToJson } from '../mdpToJson.js';
import { parseMdp } from '../parseMdp.js';
import { mdpArbitrary } from './mdpArbitrary.js';
import { policyArbitrary, fullSupportDistributionArbitrary } from './policyArbitrary.js';
import { mdpWithPolicies } from './mdpWithPolicies.js';

describe('mdpArbitrary', () => {
  test('generates valid mdp/v1 MDPs (they survive the file validator)', () => {
    fc.assert(
      fc.property(mdpArbitrary({ maxStates: 8 }), (mdp) => {
        expect(() => parseMdp(JSON.parse(JSON.stringify(mdpToJson(mdp))))).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  test('covers what matters: sizes, γ near 1, each transition kind, absorbing states, d without full support, ties', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(mdpArbitrary(), (mdp) => {
        const { numStates: S, numActions: A } = mdp;
        if (S === 1) seen.add('S=1');
        if (S === 6) seen.add('S=6');
        if (A === 1) seen.add('A=1');
        if (mdp.gamma >= 0.99) seen.add('gamma>=0.99');
        if (mdp.gamma === 0) seen.add('gamma=0');
        if (mdp.initial.some((x) => x === 0)) seen.add('d without full support');
        let deterministicRow = false;
        let absorbing = false;
        for (let s = 0; s < S; s++) {
          let selfLoopAll = true;
          for (let a = 0; a < A; a++) {
            const row = mdp.transition.subarray((s * A + a) * S, (s * A + a + 1) * S);
            if (row.some((p) => p === 1)) deterministicRow = true;
            if (row[s] !== 1 || mdp.reward[s * A + a] !== 0) selfLoopAll = false;
            if (A > 1 && a > 0 && mdp.reward[s * A + a] === mdp.reward[s * A]) seen.add('reward tie');
          }
          if (selfLoopAll) absorbing = true;
        }
        if (deterministicRow) seen.add('deterministic row');
        if (absorbing) seen.add('absorbing state');
        if (Math.max(...mdp.reward.map(Math.abs)) > 100) seen.add('reward scale 1e3');
        if (mdp.reward.some((r) => r !== 0 && Math.abs(r) < 0.01)) seen.add('reward scale 1e-3');
      }),
      { numRuns: 500 },
    );
    for (const label of [
      'S=1',
      'S=6',
      'A=1',
      'gamma>=0.99',
      'gamma=0',
      'd without full support',
      'deterministic row',
      'absorbing state',
      'reward tie',
      'reward scale 1e3',
      'reward scale 1e-3',
    ]) {
      expect(seen, label).toContain(label);
    }
  });

  test('cases that can fail: A = 1 rare, a decision in every MDP, γ spread over [0, 0.9999] with mass near 1', () => {
    // Issue "Cases that can fail": 27 % of MDPs had A = 1, 15 % were all-absorbing, 21 % had all-zero rewards, and
    // 22 % of γ fell in (0, 1e-6) (fc.double clusters at tiny magnitudes) while none exceeded 0.999.
    const mdps = fc.sample(mdpArbitrary({ maxStates: 12, maxGamma: 0.9999 }), { numRuns: 2000, seed: 7 });
    const share = (f: (m: (typeof mdps)[number]) => boolean) => mdps.filter(f).length / mdps.length;
    expect(share((m) => m.numActions === 1)).toBeLessThanOrEqual(0.07);
    expect(share((m) => m.numActions === 1)).toBeGreaterThan(0);
    for (const m of mdps) {
      const { numStates: S, numActions: A, reward, transition } = m;
      const absorbing = Array.from({ length: S }, (_, s) =>
        Array.from({ length: A }, (_, a) => transition[(s * A + a) * S + s] === 1 && reward[s * A + a] === 0).every(
          Boolean,
        ),
      );
      if (A >= 2) expect(absorbing.every(Boolean), 'at most S − 1 absorbing states').toBe(false);
      if (A >= 2) expect(new Set(reward).size, 'rewards never all equal').toBeGreaterThan(1);
    }
    expect(share((m) => m.gamma > 0 && m.gamma < 1e-6)).toBeLessThan(0.01);
    expect(share((m) => m.gamma >= 0.99)).toBeGreaterThan(0.2);
    expect(share((m) => m.gamma > 0.999)).toBeGreaterThan(0.05);
    expect(share((m) => m.numStates >= 10)).toBeGreaterThan(0.05);
  });

  test('shrinks toward fewer states and actions and simpler numbers (a shrunk example)', () => {
    // A deliberately false claim: "no MDP with at least 3 states and 2 actions has a reward above 0.5".
    const result = fc.check(
      fc.property(
        mdpArbitrary(),
        (mdp) => !(mdp.numStates >= 3 && mdp.numActions >= 2 && mdp.reward.some((r) => r > 0.5)),
      ),
      { seed: 42, numRuns: 1000 },
    );
    expect(result.failed).toBe(true);
    const [mdp] = result.counterexample!;
    // The smallest failing MDP: exactly 3 states and 2 actions, γ = 0.9, one reward of 1 and every other reward 0,
    // no absorbing states, d uniform (weights shrunk to 0, +1 for full support, or Dirac at state 0).
    expect(mdp.numStates).toBe(3);
    expect(mdp.numActions).toBe(2);
    expect([0, 0.9]).toContain(mdp.gamma); // a round γ: the grid of draws shrinks to 0, the round values to 0.9
    expect([...mdp.reward].sort()).toEqual([0, 0, 0, 0, 0, 1]);
    expect(mdpToJson(mdp)).toMatchInlineSnapshot(`
      {
        "format": "mdp/v1",
        "gamma": 0,
        "initial": [
          1,
          0,
          0,
        ],
        "name": "generated-3x2",
        "reward": [
          [
            1,
            0,
          ],
          [
            0,
            0,
          ],
          [
            0,
            0,
          ],
        ],
        "transition": [
          [
            [
              0.3333333333333333,
              0.3333333333333333,
              0.3333333333333333,
            ],
            [
              0.3333333333333333,
              0.3333333333333333,
              0.3333333333333333,
            ],
          ],
          [
            [
              0.3333333333333333,
              0.3333333333333333,
              0.3333333333333333,
            ],
            [
              0.3333333333333333,
              0.3333333333333333,
              0.3333333333333333,
            ],
          ],
          [
            [
              0.3333333333333333,
              0.3333333333333333,
              0.3333333333333333,
            ],
            [
              0.3333333333333333,
              0.3333333333333333,
              0.3333333333333333,
            ],
          ],
        ],
      }
    `);
  });
});

describe('policy and distribution arbitraries', () => {
  test('policies are distributions, of every kind', () => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(policyArbitrary(3, 4), (pi) => {
        for (let s = 0; s < 3; s++) {
          const row = pi.subarray(s * 4, s * 4 + 4);
          expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-15);
          expect(row.every((p) => p >= 0)).toBe(true);
          if (row.some((p) => p === 1)) kinds.add('deterministic row');
          else if (row.some((p) => p === 0)) kinds.add('boundary row');
          else kinds.add('interior row');
        }
      }),
      { numRuns: 200 },
    );
    expect([...kinds].sort()).toEqual(['boundary row', 'deterministic row', 'interior row']);
  });

  test('full-support distributions are positive and sum to 1', () => {
    fc.assert(
      fc.property(fullSupportDistributionArbitrary(5), (p) => {
        expect(p.every((x) => x > 0)).toBe(true);
        expect(Math.abs(p.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-15);
      }),
    );
  });

  test('mdpWithPolicies cuts the policies to the MDP', () => {
    fc.assert(
      fc.property(mdpWithPolicies(2), ({ mdp, policies }) => {
        expect(policies).toHaveLength(2);
        for (const pi of policies) expect(pi.length).toBe(mdp.numStates * mdp.numActions);
      }),
    );
  });
});
