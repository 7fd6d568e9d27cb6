import { describe, expect, test } from 'vitest';
import type { Drift } from '../mirror/drifts/drift.js';
import { squaredL2Drift } from '../mirror/drifts/squaredL2Drift.js';
import { trivialNeighbourhood } from '../mirror/neighbourhoods/neighbourhood.js';
import type { MirrorConfig } from '../mirror/update/mirrorConfig.js';
import { parseMdp } from '../mdp/parseMdp.js';
import { checkLemma1 } from './lemma1.js';
import { givenStep } from './step.js';

/** Two states, two actions; action 1 is better in both, state 0 leads to state 1. */
const mdp = parseMdp({
  format: 'mdp/v1',
  name: 'two-states',
  gamma: 0.9,
  initial: [1, 0],
  reward: [
    [0, 1],
    [0, 2],
  ],
  transition: [
    [
      [0.5, 0.5],
      [0, 1],
    ],
    [
      [1, 0],
      [0.2, 0.8],
    ],
  ],
});

const config = (drift: Drift): MirrorConfig => ({
  drift,
  nu: 'sampling',
  neighbourhood: trivialNeighbourhood,
  sampling: { kind: 'uniform' },
});

/** −1000·‖π̄ − π‖²: negative, so Condition 4 can hold while the value falls. */
const negative: Drift = { name: '-l2', value: (piBar, pi) => -1000 * squaredL2Drift.value(piBar, pi) };

const piOld = Float64Array.from([0.5, 0.5, 0.5, 0.5]);

describe('checkLemma1', () => {
  test('a small step toward the better action meets Condition 4, and V improves by the bound', () => {
    const piNew = Float64Array.from([0.4, 0.6, 0.4, 0.6]);
    expect(checkLemma1(givenStep(mdp, config(squaredL2Drift), piOld, piNew)).status).toBe('holds');
  });

  test('a move toward the worse action is outside the lemma (Condition 4 fails), never a pass or a violation', () => {
    const piNew = Float64Array.from([0.5, 0.5, 0.9, 0.1]);
    const v = checkLemma1(givenStep(mdp, config(squaredL2Drift), piOld, piNew));
    expect(v.status).toBe('outside');
    expect(v.reason).toMatch(/Condition 4 fails at state 1/);
  });

  test('a negative drift meets Condition 4 with a losing move: violated', () => {
    const piNew = Float64Array.from([0.5, 0.5, 0.51, 0.49]);
    const v = checkLemma1(givenStep(mdp, config(negative), piOld, piNew));
    expect(v.status).toBe('violated');
  });

  test('an unchanged policy meets Condition 4 with equality and holds', () => {
    expect(checkLemma1(givenStep(mdp, config(squaredL2Drift), piOld, piOld)).status).toBe('holds');
  });
});
