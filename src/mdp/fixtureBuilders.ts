import { garnet } from './environments/garnet.js';
import { gridWorld } from './environments/gridWorld.js';
import { singleStepGame } from './environments/singleStepGame.js';
import { slipperyChain } from './environments/slipperyChain.js';
import { tabularGame } from './environments/tabularGame.js';
import type { Mdp } from './mdp.js';
import seedrandom from 'seedrandom';

/**
 * The committed fixtures (`fixtures/<file>`) and the code that builds each. The paper's environments, a Garnet
 * instance (seed 2022) and the slippery chain, whose optimal values have a closed form.
 */
export const FIXTURE_BUILDERS: Readonly<Record<string, () => Mdp>> = {
  'single-step-game.json': singleStepGame,
  'tabular-game.json': () => tabularGame(),
  'gridworld.json': () => gridWorld(),
  'garnet-20-4-3.json': () => garnet(20, 4, 3, 0.95, seedrandom('2022'), 'garnet-20-4-3'),
  'slippery-chain.json': () => slipperyChain(),
};
