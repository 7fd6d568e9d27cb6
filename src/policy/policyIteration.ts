import type { Mdp } from '../mdp/mdp.js';
import { roundingAllowance, roundingGamma } from '../numeric/rounding.js';
import { actionValues } from './actionValues.js';
import { bellmanResidual } from './bellmanResidual.js';
import { PolicyEvaluator } from './evaluatePolicy.js';
import { deterministicPolicy, type Policy } from './policy.js';

/** V*, an optimal deterministic policy and their certificate. */
export interface OptimalSolution {
  vStar: Float64Array;
  qStar: Float64Array;
  etaStar: number;
  /** The optimal deterministic policy as an action per state. */
  actions: Int32Array;
  policy: Policy;
  iterations: number;
  /** ‖V* − vStar‖∞ ≤ errorBound.v, certified by the Bellman residual; likewise for Q* and η*. */
  errorBound: { v: number; q: number; eta: number };
  bellmanResidual: number;
}

/**
 * Howard's policy iteration for V* and an optimal deterministic policy (optimal policies are those greedy w.r.t. their
 * own Q: Kuba et al. 2022, Section 2). Start: argmax_a r(s,a); improvement switches an action only when another is
 * better by more than twice the certified error of Q, so every switch is a true strict improvement and the
 * iteration terminates (no policy repeats; there are finitely many). Ties keep the current action, then the lowest
 * index: the result is a deterministic function of the MDP. The answer is certified by the Bellman residual.
 */
export function policyIteration(mdp: Mdp, maxIterations = 100_000): OptimalSolution {
  const { numStates: S, numActions: A, gamma, reward, initial } = mdp;
  const actions = new Int32Array(S);
  for (let s = 0; s < S; s++) {
    let best = 0;
    for (let a = 1; a < A; a++) if (reward[s * A + a] > reward[s * A + best]) best = a;
    actions[s] = best;
  }
  const evaluator = new PolicyEvaluator(mdp);
  const q = new Float64Array(S * A);
  let iterations = 0;
  let v: Float64Array;
  let qRounding: number;
  while (true) {
    iterations += 1;
    const values = evaluator.values(deterministicPolicy(actions, A));
    v = values.v;
    qRounding = actionValues(mdp, v, q);
    const errorQ = gamma * (1 + roundingGamma(S)) * values.errorV + qRounding;
    const margin = 2 * errorQ;
    let changed = false;
    for (let s = 0; s < S; s++) {
      let best = 0;
      for (let a = 1; a < A; a++) if (q[s * A + a] > q[s * A + best]) best = a;
      if (q[s * A + best] > q[s * A + actions[s]] + margin) {
        actions[s] = best;
        changed = true;
      }
    }
    if (!changed) break;
    if (iterations >= maxIterations) {
      throw new Error(`policy iteration did not terminate within ${maxIterations} iterations on ${mdp.name}`);
    }
  }
  // The last pass left Q for this V in q: certify it without computing Q again.
  const cert = bellmanResidual(mdp, v, { q, rounding: qRounding });
  let etaStar = 0;
  let etaAbs = 0;
  for (let s = 0; s < S; s++) {
    etaStar += initial[s] * v[s];
    etaAbs += initial[s] * Math.abs(v[s]);
  }
  const errorQ = gamma * (1 + roundingGamma(S)) * cert.errorBound + cert.rounding;
  return {
    vStar: v,
    qStar: cert.q,
    etaStar,
    actions,
    policy: deterministicPolicy(actions, A),
    iterations,
    errorBound: {
      v: cert.errorBound,
      q: errorQ,
      eta: cert.errorBound * (1 + roundingGamma(S)) + roundingAllowance(S, etaAbs),
    },
    bellmanResidual: cert.residual,
  };
}
