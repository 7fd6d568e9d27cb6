import type { Mdp } from '../../mdp/mdp.js';
import type { PolicyEvaluation } from '../../policy/evaluatePolicy.js';
import type { Policy } from '../../policy/policy.js';
import type { Drift, DriftContext } from '../drifts/drift.js';
import { driftContexts } from '../drifts/driftContexts.js';
import { resolveDivergence, type Neighbourhood } from './neighbourhood.js';

/** What deciding π̄ ∈ N(π) needs besides the two policies. */
export interface MembershipContext {
  readonly A: number;
  readonly drift: Drift;
  readonly contexts: readonly DriftContext[];
  /** β_π (weights of `sampling` balls). */
  readonly beta: Float64Array;
  /** ρ̄_π (weights of `visitation` balls). */
  readonly visitation: Float64Array;
}

export function membershipContext(
  mdp: Mdp,
  drift: Drift,
  evOld: PolicyEvaluation,
  beta: Float64Array,
): MembershipContext {
  return { A: mdp.numActions, drift, contexts: driftContexts(mdp, evOld), beta, visitation: evOld.visitation };
}

/** The largest ratio div/radius over N's balls at π̄ (≤ 1 inside N(π); 0 for N ≡ Π; +∞ for radius 0 and div > 0). */
export function neighbourhoodLoad(n: Neighbourhood, piBar: Policy, pi: Policy, m: MembershipContext): number {
  const { A } = m;
  let load = 0;
  for (const ball of n.balls) {
    const div = resolveDivergence(ball, m.drift);
    let value = 0;
    const S = m.contexts.length;
    for (let s = 0; s < S; s++) {
      const w = ball.kind === 'state-ball' ? 1 : ball.weighting === 'sampling' ? m.beta[s] : m.visitation[s];
      if (w === 0) continue;
      const d = div.value(piBar.subarray(s * A, (s + 1) * A), pi.subarray(s * A, (s + 1) * A), m.contexts[s]);
      if (ball.kind === 'state-ball') value = Math.max(value, d);
      else value += w * d;
    }
    load = Math.max(load, value === 0 ? 0 : value / ball.radius);
  }
  return load;
}

/** π̄ ∈ N(π). */
export function inNeighbourhood(n: Neighbourhood, piBar: Policy, pi: Policy, m: MembershipContext): boolean {
  return neighbourhoodLoad(n, piBar, pi, m) <= 1;
}
