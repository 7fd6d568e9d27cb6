import type { Mdp } from '../mdp.js';
import { parseMdp } from '../parseMdp.js';

/**
 * The GridWorld's layout, rows from the top (row 0) to the bottom (row 4), columns from the left:
 *
 * ```
 *   row 0   .  .  .  .  G      G goal (top-right): entering it costs −1 and ends the episode
 *   row 1   .  #  #  #  #      # barrier: moving into it (or off the grid) leaves the agent in place, −1
 *   row 2   .  .  .  .  .
 *   row 3   .  .  .  .  .
 *   row 4   B  .  .  .  .      B bomb (bottom-left): entering it gives −100 and ends the episode
 * ```
 *
 * Why this layout: the published code (znowu/mirror-learning, envs.py) numbers cells from the bottom-left with an
 * off-by-one (bomb at index −1, goal at n_rows·n_cols) and puts the barrier at indices (n_rows−2)·n_cols + i,
 * i < n_cols−1: a wall across the second row from the top that leaves one gap, at the left end, so that the agent
 * below must walk to the left column, past the bomb's side, and then along the top row. Its move tests use
 * `state+2 % n_cols` (operator precedence) and so never detect the grid's edges; we keep the intended geometry and
 * give edges the same rule as the barrier. With uniform start over the 19 free cells, the optimal return is
 * −(1/19)·Σ_cells (1−γ^{k})/(1−γ) with k the shortest path length: ≈ −7.44 for γ = 0.999 (the paper: "approximately −7").
 */
export const GRID_LAYOUT = ['....G', '.####', '.....', '.....', 'B....'] as const;

/** Moves in action order: up, right, down, left. */
const MOVES = [
  [-1, 0],
  [0, 1],
  [1, 0],
  [0, -1],
] as const;

/**
 * GridWorld (Kuba et al. 2022, Mirror Learning, Section 7) on GRID_LAYOUT: −1 per step, −100 for stepping onto the
 * bomb; goal and bomb end the episode (both lead to the absorbing zero-reward `end`). γ = 0.999; d uniform over the
 * free cells (neither barrier, goal nor bomb). States: the free cells in reading order, then `end`.
 */
export function gridWorld(layout: readonly string[] = GRID_LAYOUT, gamma = 0.999): Mdp {
  const rows = layout.length;
  const cols = layout[0].length;
  const cellState = new Map<string, number>();
  const stateNames: string[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (layout[r][c] === '.') {
        cellState.set(`${r},${c}`, stateNames.length);
        stateNames.push(`(${r},${c})`);
      }
    }
  }
  const n = stateNames.length;
  const S = n + 1;
  const end = n;
  const to = (s: number) => Array.from({ length: S }, (_, t) => (t === s ? 1 : 0));
  const reward: number[][] = [];
  const transition: number[][][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (layout[r][c] !== '.') continue;
      const here = cellState.get(`${r},${c}`)!;
      const rewardRow: number[] = [];
      const transitionRow: number[][] = [];
      for (const [dr, dc] of MOVES) {
        const nr = r + dr;
        const nc = c + dc;
        const cell = nr >= 0 && nr < rows && nc >= 0 && nc < cols ? layout[nr][nc] : '#';
        if (cell === 'G') {
          rewardRow.push(-1);
          transitionRow.push(to(end));
        } else if (cell === 'B') {
          rewardRow.push(-100);
          transitionRow.push(to(end));
        } else if (cell === '#') {
          rewardRow.push(-1);
          transitionRow.push(to(here));
        } else {
          rewardRow.push(-1);
          transitionRow.push(to(cellState.get(`${nr},${nc}`)!));
        }
      }
      reward.push(rewardRow);
      transition.push(transitionRow);
    }
  }
  reward.push([0, 0, 0, 0]);
  transition.push([to(end), to(end), to(end), to(end)]);
  return parseMdp({
    format: 'mdp/v1',
    name: 'gridworld',
    description: `Kuba et al. 2022, Section 7: 5x5 grid, rows from the top: ${layout.join(' / ')} (G goal, B bomb -100, # barrier); -1 per step.`,
    gamma,
    initial: [...new Array(n).fill(1 / n), 0],
    reward,
    transition,
    stateNames: [...stateNames, 'end'],
    actionNames: ['up', 'right', 'down', 'left'],
  });
}
