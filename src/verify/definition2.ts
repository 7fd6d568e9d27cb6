import type { Mdp } from '../mdp/mdp.js';
import type { Drift, DriftContext } from '../mirror/drifts/drift.js';
import type { Neighbourhood } from '../mirror/neighbourhoods/neighbourhood.js';
import { driftContexts } from '../mirror/drifts/driftContexts.js';
import { resolveDivergence } from '../mirror/neighbourhoods/neighbourhood.js';
import type { PolicyEvaluation } from '../policy/evaluatePolicy.js';
import type { Policy } from '../policy/policy.js';
import { ballsWithoutInterior } from './step.js';
import { compareAtLeast, outside, worstVerdict, type Verdict } from './verdict.js';

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

/** Steps tried for "N(π) contains a ball around π": 2⁻¹⁰ … 2⁻⁵⁰ (below that π + εv rounds to π). */
const BALL_STEPS = [10, 20, 30, 40, 50].map((k) => 2 ** -k);

/**
 * Definition 2 (Kuba et al. 2022, Section 3.1 and Appendix A) at one π, by falsification:
 * 1. closed ball: along each direction v = p − π (every state moved at once, p from `targets`), some π + εv with
 *    ε ∈ {2⁻¹⁰, …, 2⁻⁵⁰} (and π + εv ≠ π in floating point) lies in N(π); `violated` when none does — a ball of
 *    radius below 2⁻⁵⁰ cannot be told from {π} in double precision;
 * 2. reverting one state: for every member π̄ (the given `members` and those found in 1), π̄ with state s set back to
 *    π(·|s) is still in N(π), for every s (the step Lemma 2's proof takes).
 * A ball whose divergence is interior-only (reverse KL, χ², …: +∞ as soon as π̄ leaves supp π) contains no ball around
 * a boundary π; there 1 is `outside` (the configuration meets Definition 2 only at full-support π).
 */
export function checkNeighbourhoodAxioms(
  n: Neighbourhood,
  pi: Policy,
  targets: readonly Policy[],
  members: readonly Policy[],
  m: MembershipContext,
): Verdict {
  const verdicts: Verdict[] = [];
  const found: Policy[] = [...members.filter((x) => inNeighbourhood(n, x, pi, m))];
  const closed = ballsWithoutInterior({ drift: m.drift, neighbourhood: n }, pi, m.A);
  if (closed.length) {
    verdicts.push(
      outside('N(π) contains a ball around π', `${closed[0]} is +∞ next to a boundary π (an interior-only divergence)`),
    );
  }
  targets.forEach((p, k) => {
    if (closed.length) return;
    let best = Infinity;
    let inside = false;
    let tried = 0;
    for (const eps of BALL_STEPS) {
      const x = Float64Array.from(pi, (v, i) => (1 - eps) * v + eps * p[i]);
      if (x.every((v, i) => v === pi[i])) continue;
      tried += 1;
      const load = neighbourhoodLoad(n, x, pi, m);
      best = Math.min(best, load);
      if (load <= 1) {
        inside = true;
        found.push(x);
        break;
      }
    }
    if (tried === 0) return;
    const v = compareAtLeast('some π + εv ∈ N(π), ε ≤ 2^-10 (N contains a ball around π)', 1, 0, best, 0, {
      direction: k,
    });
    verdicts.push(
      inside
        ? { ...v, status: 'holds' }
        : {
            ...v,
            status: 'violated',
            reason: `no π + εv with ε ∈ [2^-50, 2^-10] is in N(π) (smallest div/radius ${best})`,
          },
    );
  });
  const { A } = m;
  const S = pi.length / A;
  found.forEach((x, k) => {
    for (let s = 0; s < S; s++) {
      const reverted = Float64Array.from(x);
      reverted.set(pi.subarray(s * A, (s + 1) * A), s * A);
      const load = neighbourhoodLoad(n, reverted, pi, m);
      verdicts.push(
        compareAtLeast('π̄ ∈ N(π) ⇒ π̄ with state s reverted to π ∈ N(π)', 1, 0, load, 0, { member: k, state: s }),
      );
    }
  });
  if (verdicts.length === 0) return compareAtLeast('N(π) axioms (nothing to check)', 0, 0, 0, 0);
  return worstVerdict(verdicts);
}
