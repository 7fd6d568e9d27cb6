import type { Mdp } from '../mdp.js';
import { parseMdp } from '../parseMdp.js';

/** Rewards of the single-step game's five actions (Kuba et al. 2022, Section 7). */
export const SINGLE_STEP_REWARDS = [10, 0, 1, 0, 5] as const;

/**
 * Single-step game (Kuba et al. 2022, Mirror Learning, Section 7): one decision among 5 actions with rewards
 * 10, 0, 1, 0, 5, after which the episode ends. States: `choice` and the absorbing zero-reward `end`; d = Dirac at
 * `choice` (uniform over non-terminal states). γ = 0 as in the published code (any γ gives the same returns, because
 * `end` pays nothing). Optimal return η* = 10.
 */
export function singleStepGame(): Mdp {
  const A = SINGLE_STEP_REWARDS.length;
  const toEnd = Array.from({ length: A }, () => [0, 1]);
  return parseMdp({
    format: 'mdp/v1',
    name: 'single-step-game',
    description: 'Kuba et al. 2022, Section 7: one choice among 5 actions with rewards 10, 0, 1, 0, 5; then the end.',
    gamma: 0,
    initial: [1, 0],
    reward: [[...SINGLE_STEP_REWARDS], new Array(A).fill(0)],
    transition: [toEnd, toEnd],
    stateNames: ['choice', 'end'],
    actionNames: SINGLE_STEP_REWARDS.map((r, a) => `a${a} (r=${r})`),
  });
}
