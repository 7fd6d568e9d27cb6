import type { Mdp } from '../mdp.js';
import { parseMdp } from '../parseMdp.js';

/**
 * Tabular game (Kuba et al. 2022, Mirror Learning, Section 7): `n` states in a row (5 in the paper) and an absorbing
 * zero-reward `end`. Actions: `left` (+0.1, move left), `stay` (0), `right` (−0.1, move right); `left` at the left-most
 * state gives −10 and ends the episode, `right` at the right-most gives +10 and ends it. γ = 0.999; d uniform over the
 * `n` row states. The optimal policy always goes right: V*(i) = Σ_{k<n−1−i} γ^k·(−0.1) + γ^{n−1−i}·10, and
 * η* ≈ 9.78 for n = 5 (the paper reports "approximately 9.7").
 */
export function tabularGame(n = 5, gamma = 0.999): Mdp {
  const S = n + 1;
  const end = n;
  const reward: number[][] = [];
  const transition: number[][][] = [];
  const to = (s: number) => Array.from({ length: S }, (_, t) => (t === s ? 1 : 0));
  for (let s = 0; s < n; s++) {
    reward.push([s === 0 ? -10 : 0.1, 0, s === n - 1 ? 10 : -0.1]);
    transition.push([to(s === 0 ? end : s - 1), to(s), to(s === n - 1 ? end : s + 1)]);
  }
  reward.push([0, 0, 0]);
  transition.push([to(end), to(end), to(end)]);
  return parseMdp({
    format: 'mdp/v1',
    name: 'tabular-game',
    description: `Kuba et al. 2022, Section 7: ${n} states in a row; left +0.1, stay 0, right -0.1; leaving left -10, leaving right +10.`,
    gamma,
    initial: [...new Array(n).fill(1 / n), 0],
    reward,
    transition,
    stateNames: [...Array.from({ length: n }, (_, s) => `t${s}`), 'end'],
    actionNames: ['left', 'stay', 'right'],
  });
}
