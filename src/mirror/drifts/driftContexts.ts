import type { Mdp } from '../../mdp/mdp.js';
import type { PolicyEvaluation } from '../../policy/evaluatePolicy.js';
import type { DriftContext } from './drift.js';

/** The drift context of each state for the old policy. */
export function driftContexts(mdp: Mdp, evaluation: PolicyEvaluation): DriftContext[] {
  const { numStates: S, numActions: A, gamma } = mdp;
  let maxAbsAdvantage = 0;
  for (const x of evaluation.advantage) maxAbsAdvantage = Math.max(maxAbsAdvantage, Math.abs(x));
  const contexts: DriftContext[] = new Array<DriftContext>(S);
  for (let s = 0; s < S; s++) {
    contexts[s] = { state: s, advantage: evaluation.advantage.subarray(s * A, (s + 1) * A), maxAbsAdvantage, gamma };
  }
  return contexts;
}
