import type { Mdp } from '../mdp.js';
import { parseMdp } from '../parseMdp.js';

/**
 * Slippery chain: states 0..n−1 and an absorbing zero-reward `end`. `right` succeeds with probability p (moving right;
 * from state n−1 it pays R and ends the episode) and otherwise leaves the agent in place; `left` moves left (staying
 * at 0), paying nothing. Its optimal values have a closed form (see slipperyChainOptimalValues).
 */
export function slipperyChain(n = 6, p = 0.7, bonus = 1, gamma = 0.9): Mdp {
  const S = n + 1;
  const end = n;
  const row = (entries: [number, number][]) => {
    const r = new Array(S).fill(0);
    for (const [s, q] of entries) r[s] += q;
    return r;
  };
  const reward: number[][] = [];
  const transition: number[][][] = [];
  for (let s = 0; s < n; s++) {
    reward.push([0, s === n - 1 ? p * bonus : 0]);
    transition.push([
      row([[Math.max(0, s - 1), 1]]),
      row([
        [s === n - 1 ? end : s + 1, p],
        [s, 1 - p],
      ]),
    ]);
  }
  reward.push([0, 0]);
  transition.push([row([[end, 1]]), row([[end, 1]])]);
  return parseMdp({
    format: 'mdp/v1',
    name: 'slippery-chain',
    description: `Slippery chain: ${n} states; right succeeds w.p. ${p}, leaving from the last state pays ${bonus}; gamma ${gamma}.`,
    gamma,
    initial: [...new Array(n).fill(1 / n), 0],
    reward,
    transition,
    stateNames: [...Array.from({ length: n }, (_, s) => `c${s}`), 'end'],
    actionNames: ['left', 'right'],
  });
}

/**
 * Closed form of the slippery chain's V*: with k = pγ / (1 − (1−p)γ), V*(n−1) = pR / (1 − (1−p)γ) and
 * V*(s) = k^{n−1−s} · V*(n−1); V*(end) = 0. (Always `right`: from V(s) = pγV(s+1) + (1−p)γV(s) for s < n−1 and
 * V(n−1) = pR + (1−p)γV(n−1); `left` only delays the same future, so it is never better.)
 */
export function slipperyChainOptimalValues(n = 6, p = 0.7, bonus = 1, gamma = 0.9): number[] {
  const stay = 1 - (1 - p) * gamma;
  const last = (p * bonus) / stay;
  const k = (p * gamma) / stay;
  return [...Array.from({ length: n }, (_, s) => last * k ** (n - 1 - s)), 0];
}
