import type { Neighbourhood } from '../mirror/neighbourhoods/neighbourhood.js';
import { inNeighbourhood, neighbourhoodLoad, type MembershipContext } from '../mirror/neighbourhoods/membership.js';
import type { Policy } from '../policy/policy.js';
import { ballsWithoutInterior } from './step.js';
import { compareAtLeast, outside, worstVerdict, type Verdict } from './verdict.js';

/**
 * Steps tried for "N(π) contains a ball around π": 2⁻¹⁰, 2⁻²⁰, … down to where π + εv rounds back to π. Deep steps
 * matter where π has entries like 1e-200: a χ² ball is then only ~1e-100 wide along them, yet contains a ball.
 */
const BALL_STEPS = Array.from({ length: 107 }, (_, i) => 2 ** -(10 * (i + 1)));

/**
 * Definition 2 (Kuba et al. 2022, Section 3.1 and Appendix A) at one π, by falsification:
 * 1. closed ball: along each direction v = p − π (every state moved at once, p from `targets`), some π + εv with
 *    ε ∈ {2⁻¹⁰, 2⁻²⁰, …} (while π + εv ≠ π in floating point) lies in N(π); `violated` when none does — a ball too
 *    small for any representable move cannot be told from {π} in double precision;
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
  let closed: string | null = null;
  for (let s = 0; s < pi.length / m.A && !closed; s++) {
    closed = ballsWithoutInterior({ drift: m.drift, neighbourhood: n }, pi.subarray(s * m.A, (s + 1) * m.A), s);
  }
  if (closed) {
    verdicts.push(
      outside('N(π) contains a ball around π', `${closed} is +∞ next to a boundary π (an interior-only divergence)`),
    );
  }
  targets.forEach((p, k) => {
    if (closed) return;
    let best = Infinity;
    let inside = false;
    let tried = 0;
    for (const eps of BALL_STEPS) {
      const x = Float64Array.from(pi, (v, i) => (1 - eps) * v + eps * p[i]);
      if (x.every((v, i) => v === pi[i])) break; // smaller steps round back to π too
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
            reason: `no representable π + εv with ε ≤ 2^-10 is in N(π) (smallest div/radius ${best})`,
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
