import type { Mdp } from '../mdp.js';
import { gridWorld } from './gridWorld.js';
import { singleStepGame } from './singleStepGame.js';
import { tabularGame } from './tabularGame.js';

export * from './singleStepGame.js';
export * from './tabularGame.js';
export * from './gridWorld.js';
export * from './slipperyChain.js';
export * from './garnet.js';

/** The paper's three environments (Kuba et al. 2022, Section 7), by fixture name. */
export const PAPER_ENVIRONMENTS: Readonly<Record<string, () => Mdp>> = {
  'single-step-game': singleStepGame,
  'tabular-game': tabularGame,
  gridworld: gridWorld,
};
