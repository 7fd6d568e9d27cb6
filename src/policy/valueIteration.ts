import type { Mdp } from '../mdp/mdp.js';
import { actionValues } from './actionValues.js';

/**
 * Value iteration V_{k+1} = T V_k, stopped when ‖V_{k+1} − V_k‖∞ ≤ tolerance·(1−γ)/(2γ), which gives
 * ‖V_{k+1} − V*‖∞ ≤ tolerance/2 (Puterman, Theorem 6.3.1). Used only as a differential check of policy iteration.
 */
export function valueIteration(
  mdp: Mdp,
  tolerance = 1e-10,
  maxIterations = 1_000_000,
): { v: Float64Array; iterations: number } {
  const { numStates: S, numActions: A, gamma } = mdp;
  let v = new Float64Array(S);
  let next = new Float64Array(S);
  const q = new Float64Array(S * A);
  const stop = gamma === 0 ? Infinity : (tolerance * (1 - gamma)) / (2 * gamma);
  for (let k = 1; k <= maxIterations; k++) {
    actionValues(mdp, v, q);
    let delta = 0;
    for (let s = 0; s < S; s++) {
      let best = -Infinity;
      for (let a = 0; a < A; a++) best = Math.max(best, q[s * A + a]);
      next[s] = best;
      delta = Math.max(delta, Math.abs(best - v[s]));
    }
    [v, next] = [next, v];
    if (delta <= stop) return { v, iterations: k };
  }
  throw new Error(`value iteration did not converge within ${maxIterations} iterations on ${mdp.name}`);
}
