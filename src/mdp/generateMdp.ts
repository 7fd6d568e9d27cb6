import seedrandom from 'seedrandom';
import { InputError } from '../errors.js';
import { garnet } from './environments/garnet.js';
import type { Mdp } from './mdp.js';
import { parseMdp } from './parseMdp.js';

/** Options of the seeded generator behind `mirror-check generate`. */
export interface GenerateOptions {
  seed: number;
  states: number;
  actions: number;
  /** Branching factor b: a Garnet(S, A, b) instance; without it, dense transitions. */
  garnet?: number;
  gamma?: number;
}

/**
 * A reproducible random MDP from a seed (seedrandom's ARC4 stream, so the same seed gives the same bytes on every
 * machine). Dense: P(·|s,a) ∝ independent uniform weights, r(s,a) uniform in [−1, 1); with `garnet`: Garnet(S, A, b).
 * d is uniform. Property tests do not use this (they draw from fast-check arbitraries so that cases shrink).
 */
export function generateMdp(options: GenerateOptions): Mdp {
  const { seed, states: S, actions: A, gamma = 0.9 } = options;
  if (!Number.isSafeInteger(seed)) throw new InputError('--seed', `${seed} must be an integer`);
  if (!(Number.isInteger(S) && S >= 1)) throw new InputError('--states', `${S} must be a positive integer`);
  if (!(Number.isInteger(A) && A >= 1)) throw new InputError('--actions', `${A} must be a positive integer`);
  if (!(gamma >= 0 && gamma < 1)) throw new InputError('--gamma', `${gamma} must be in [0, 1)`);
  const random = seedrandom(String(seed));
  if (options.garnet !== undefined) {
    return garnet(S, A, options.garnet, gamma, random, `garnet-${S}-${A}-${options.garnet}-seed${seed}`);
  }
  const reward: number[][] = [];
  const transition: number[][][] = [];
  for (let s = 0; s < S; s++) {
    reward.push(Array.from({ length: A }, () => 2 * random() - 1));
    transition.push(
      Array.from({ length: A }, () => {
        const w = Array.from({ length: S }, () => random());
        const total = w.reduce((x, y) => x + y, 0);
        return w.map((x) => x / total);
      }),
    );
  }
  return parseMdp({
    format: 'mdp/v1',
    name: `dense-${S}-${A}-seed${seed}`,
    description: `Dense random MDP: S=${S}, A=${A}, gamma ${gamma}, seed ${seed}.`,
    gamma,
    initial: new Array(S).fill(1 / S),
    reward,
    transition,
  });
}
