import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { policyIteration } from '../../policy/policyIteration.js';
import { FIXTURE_BUILDERS } from '../fixtureBuilders.js';
import { mdpToJsonText } from '../mdpToJson.js';
import { gridWorld } from './gridWorld.js';
import { singleStepGame } from './singleStepGame.js';
import { slipperyChain, slipperyChainOptimalValues } from './slipperyChain.js';
import { tabularGame } from './tabularGame.js';
import { garnet } from './garnet.js';
import seedrandom from 'seedrandom';

describe("the paper's environments (Kuba et al. 2022, Section 7)", () => {
  test('single-step game: optimal return 10, by action 0', () => {
    const sol = policyIteration(singleStepGame());
    expect(sol.etaStar).toBe(10);
    expect(sol.actions[0]).toBe(0);
  });

  test('tabular game: always right; V* in closed form; eta* ≈ 9.78 ("approximately 9.7")', () => {
    const mdp = tabularGame();
    const sol = policyIteration(mdp);
    expect(Array.from(sol.actions.slice(0, 5))).toEqual([2, 2, 2, 2, 2]);
    for (let i = 0; i < 5; i++) {
      let v = 10 * 0.999 ** (4 - i);
      for (let k = 0; k < 4 - i; k++) v += -0.1 * 0.999 ** k;
      expect(Math.abs(sol.vStar[i] - v)).toBeLessThanOrEqual(sol.errorBound.v + 1e-12);
    }
    expect(sol.etaStar).toBeGreaterThan(9.7);
    expect(sol.etaStar).toBeLessThan(9.8);
  });

  test('gridworld: eta* ≈ −7.44 ("approximately −7"), the shortest-path closed form', () => {
    const mdp = gridWorld();
    expect(mdp.numStates).toBe(20);
    const sol = policyIteration(mdp);
    // Shortest paths to the goal on the documented layout: row 0 (cols 0..3): 4,3,2,1; (1,0): 5;
    // rows 2..4: col + (row − 1) + 5, without the bomb cell (4,0).
    const lengths = [4, 3, 2, 1, 5];
    for (let r = 2; r <= 4; r++) for (let c = r === 4 ? 1 : 0; c < 5; c++) lengths.push(c + (r - 1) + 5);
    expect(lengths.length).toBe(19);
    const g = 0.999;
    const eta = lengths.reduce((acc, k) => acc - (1 - g ** k) / (1 - g), 0) / 19;
    expect(Math.abs(sol.etaStar - eta)).toBeLessThanOrEqual(sol.errorBound.eta + 1e-12);
    expect(sol.etaStar).toBeCloseTo(-7.4447, 3);
  });

  test('slippery chain: V* matches its closed form within the certified bound', () => {
    for (const [n, p, bonus, gamma] of [
      [6, 0.7, 1, 0.9],
      [10, 0.3, 5, 0.99],
      [1, 1, 2, 0.5],
    ]) {
      const sol = policyIteration(slipperyChain(n, p, bonus, gamma));
      const closed = slipperyChainOptimalValues(n, p, bonus, gamma);
      for (let s = 0; s <= n; s++) {
        expect(Math.abs(sol.vStar[s] - closed[s])).toBeLessThanOrEqual(sol.errorBound.v + 1e-14 * Math.abs(closed[s]));
      }
    }
  });

  test('garnet rows have exactly b successors at most and are deterministic per seed', () => {
    const a = garnet(12, 3, 4, 0.9, seedrandom('x'));
    const b = garnet(12, 3, 4, 0.9, seedrandom('x'));
    expect(Array.from(a.transition)).toEqual(Array.from(b.transition));
    for (let sa = 0; sa < 36; sa++) {
      const row = a.transition.subarray(sa * 12, sa * 12 + 12);
      expect(row.filter((x) => x > 0).length).toBeLessThanOrEqual(4);
    }
  });

  test.each(Object.keys(FIXTURE_BUILDERS))('committed fixture %s is what its builder writes', (file) => {
    const committed = readFileSync(new URL(`../../../fixtures/${file}`, import.meta.url), 'utf8');
    expect(committed).toBe(mdpToJsonText(FIXTURE_BUILDERS[file]()));
  });
});
