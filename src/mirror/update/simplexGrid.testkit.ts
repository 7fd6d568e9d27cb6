import { stateObjective, type StateProblem } from './stateProblem.js';

/** The best objective on a grid over the simplex (A = 2: 4,000 steps; A = 3: 300), for brute-force checks of solvers. */
export function gridBest(problem: StateProblem): number {
  const A = problem.g.length;
  if (A !== 2 && A !== 3) throw new Error(`gridBest: A = ${A}, expected 2 or 3`);
  const n = A === 2 ? 4000 : 300;
  let best = -Infinity;
  const p = new Float64Array(A);
  for (let i = 0; i <= n; i++) {
    if (A === 2) {
      p[0] = i / n;
      p[1] = 1 - p[0];
      best = Math.max(best, stateObjective(problem, p));
      continue;
    }
    for (let j = 0; i + j <= n; j++) {
      p[0] = i / n;
      p[1] = j / n;
      p[2] = Math.max(0, 1 - p[0] - p[1]);
      best = Math.max(best, stateObjective(problem, p));
    }
  }
  return best;
}
