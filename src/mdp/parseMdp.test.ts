import { describe, expect, test } from 'vitest';
import { InputError } from '../errors.js';
import { mdpToJson } from './mdpToJson.js';
import { parseMdp } from './parseMdp.js';
import { generateMdp } from './generateMdp.js';
import { tabularGame } from './environments/tabularGame.js';

interface Doc {
  [key: string]: unknown;
  initial: number[];
  reward: number[][];
  transition: number[][][];
}

/** A valid 2-state, 2-action document to break one field at a time. */
function valid(): Doc {
  return {
    format: 'mdp/v1',
    name: 'two',
    gamma: 0.9,
    initial: [0.5, 0.5],
    reward: [
      [1, 0],
      [0, 2],
    ],
    transition: [
      [
        [1, 0],
        [0.25, 0.75],
      ],
      [
        [0, 1],
        [0.5, 0.5],
      ],
    ],
  };
}

function errorOf(doc: unknown): string {
  try {
    parseMdp(doc);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const message = (e as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected an InputError');
}

describe('parseMdp', () => {
  test('accepts a valid document and lays it out row-major', () => {
    const mdp = parseMdp(valid());
    expect(mdp.numStates).toBe(2);
    expect(mdp.numActions).toBe(2);
    expect(Array.from(mdp.reward)).toEqual([1, 0, 0, 2]);
    // P[(s*A + a)*S + s']: state 0, action 1, next state 1 is 0.75.
    expect(mdp.transition[(0 * 2 + 1) * 2 + 1]).toBe(0.75);
  });

  test('round-trips exactly through mdpToJson', () => {
    const mdp = generateMdp({ seed: 7, states: 5, actions: 3 });
    const again = parseMdp(JSON.parse(JSON.stringify(mdpToJson(mdp))));
    expect(Array.from(again.transition)).toEqual(Array.from(mdp.transition));
    expect(Array.from(again.reward)).toEqual(Array.from(mdp.reward));
    expect(again.gamma).toBe(mdp.gamma);
    expect(mdpToJson(tabularGame()).stateNames).toEqual(['t0', 't1', 't2', 't3', 't4', 'end']);
  });

  const cases: [string, (d: Doc) => unknown, string][] = [
    ['not an object', () => [1, 2], 'mdp: expected a JSON object'],
    ['unknown format', (d) => ({ ...d, format: 'mdp/v2' }), 'format: "mdp/v2" is not a known format'],
    ['missing format', (d) => ({ ...d, format: undefined }), 'format: undefined is not a known format'],
    ['gamma = 1', (d) => ({ ...d, gamma: 1 }), 'gamma: 1 must be in [0, 1)'],
    ['gamma negative', (d) => ({ ...d, gamma: -0.1 }), 'gamma: -0.1 must be in [0, 1)'],
    ['gamma a string', (d) => ({ ...d, gamma: '0.9' }), 'gamma: "0.9" is not a number'],
    ['zero states', (d) => ({ ...d, reward: [] }), 'reward: has 0 states'],
    ['zero actions', (d) => ({ ...d, reward: [[], []] }), 'reward[0]: has 0 actions'],
    ['ragged reward', (d) => ({ ...d, reward: [[1, 0], [0]] }), 'reward[1]: has 1 entries, expected 2'],
    [
      'non-number reward',
      (d) => ({
        ...d,
        reward: [
          [1, 'x'],
          [0, 2],
        ],
      }),
      'reward[0][1]: "x" is not a number',
    ],
    [
      'null reward',
      (d) => ({
        ...d,
        reward: [
          [1, null],
          [0, 2],
        ],
      }),
      'reward[0][1]: null is not a number',
    ],
    [
      'infinite reward',
      (d) => ({
        ...d,
        reward: [
          [1, Infinity],
          [0, 2],
        ],
      }),
      'reward[0][1]: Infinity is not finite',
    ],
    [
      'NaN reward',
      (d) => ({
        ...d,
        reward: [
          [1, NaN],
          [0, 2],
        ],
      }),
      'reward[0][1]: NaN is not finite',
    ],
    [
      'transition missing a state',
      (d) => ({ ...d, transition: [d.transition[0]] }),
      'transition: has 1 entries, expected 2',
    ],
    [
      'ragged transition row',
      (d) => ({ ...d, transition: [d.transition[0], [[0, 1], [1]]] }),
      'transition[1][1]: has 1 entries, expected 2',
    ],
    [
      'negative probability',
      (d) => ({
        ...d,
        transition: [
          [
            [1.1, -0.1],
            [0.25, 0.75],
          ],
          d.transition[1],
        ],
      }),
      'transition[0][0][1]: -0.1 is negative',
    ],
    [
      'row sums to 0.97',
      (d) => ({
        ...d,
        transition: [
          d.transition[0],
          [
            [0, 1],
            [0.5, 0.47],
          ],
        ],
      }),
      'transition[1][1]: sums to 0.97',
    ],
    ['initial sums to 2', (d) => ({ ...d, initial: [1, 1] }), 'initial: sums to 2'],
    ['initial too short', (d) => ({ ...d, initial: [1] }), 'initial: has 1 entries, expected 2'],
    ['bad state names', (d) => ({ ...d, stateNames: ['a', 3] }), 'stateNames[1]: 3 is not a string'],
    ['name not a string', (d) => ({ ...d, name: 5 }), 'name: 5 is not a string'],
  ];
  test.each(cases)('rejects %s, naming the field', (_label, mutate, message) => {
    expect(errorOf(mutate(valid()))).toContain(message);
  });

  test('accepts sums within the documented tolerance and renormalises', () => {
    const d = valid();
    d.initial = [0.5, 0.5 + 5e-10];
    const mdp = parseMdp(d);
    expect(mdp.initial[0] + mdp.initial[1]).toBeCloseTo(1, 15);
    d.initial = [0.5, 0.5 + 2e-9];
    expect(errorOf(d)).toContain('initial: sums to');
  });

  test('loads a 1000-state dense file', () => {
    const mdp = generateMdp({ seed: 1, states: 1000, actions: 2 });
    const text = JSON.stringify(mdpToJson(mdp));
    const again = parseMdp(JSON.parse(text));
    expect(again.numStates).toBe(1000);
    expect(again.transition.length).toBe(1000 * 2 * 1000);
  });
});
