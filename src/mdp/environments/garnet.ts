import { InputError } from '../../errors.js';
import type { Mdp } from '../mdp.js';
import { parseMdp } from '../parseMdp.js';

/** A source of uniform numbers in [0, 1). */
export type UniformSource = () => number;

/**
 * Garnet(S, A, b) (Archibald, McKinnon & Thomas 1995; Bhatnagar et al. 2009): for each (s, a), `b` distinct next
 * states drawn uniformly, with probabilities given by the gaps between b−1 sorted uniform cut points; rewards r(s,a)
 * uniform in [0, 1); d uniform. Deterministic for a deterministic `random`.
 */
export function garnet(S: number, A: number, b: number, gamma: number, random: UniformSource, name?: string): Mdp {
  if (!(Number.isInteger(b) && b >= 1 && b <= S))
    throw new InputError('--garnet', `${b} must be an integer in [1, ${S}]`);
  const reward: number[][] = [];
  const transition: number[][][] = [];
  for (let s = 0; s < S; s++) {
    const rewardRow: number[] = [];
    const rows: number[][] = [];
    for (let a = 0; a < A; a++) {
      rewardRow.push(random());
      const order = Array.from({ length: S }, (_, i) => i);
      for (let i = 0; i < b; i++) {
        const j = i + Math.floor(random() * (S - i));
        [order[i], order[j]] = [order[j], order[i]];
      }
      const cuts = [0, ...Array.from({ length: b - 1 }, () => random()).sort((x, y) => x - y), 1];
      const row = new Array(S).fill(0);
      for (let i = 0; i < b; i++) row[order[i]] += cuts[i + 1] - cuts[i];
      rows.push(row);
    }
    reward.push(rewardRow);
    transition.push(rows);
  }
  return parseMdp({
    format: 'mdp/v1',
    name: name ?? `garnet-${S}-${A}-${b}`,
    description: `Garnet(S=${S}, A=${A}, b=${b}), gamma ${gamma}: b random successors per (s,a), rewards uniform in [0,1).`,
    gamma,
    initial: new Array(S).fill(1 / S),
    reward,
    transition,
  });
}
