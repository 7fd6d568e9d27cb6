import { roundingAllowance } from '../numeric/rounding.js';
import type { OptimalSolution } from '../policy/policyIteration.js';
import { failedHypotheses, type Step } from './step.js';
import { resolutionAt } from './fixedPointResolution.js';
import { compareAtLeast, outside, worstVerdict, withReason, type Verdict } from './verdict.js';

/**
 * Theorem 1.4 and its proof's two facts (Kuba et al. 2022, Section 3.2 and Appendix B; Definition 4):
 * - a fixed point of the update (π_new = π_old) is optimal: V_{π_old} = V*;
 * - a non-optimal π has a strictly better policy in N(π): the policy-DAG edge (π, π_new) with η(π_new) > η(π) exists.
 * One step from π_old. `violated` when the update returns π_old bitwise while V* − V_{π_old} exceeds its certified
 * error and the resolution allowance. When the update moves, the edge is checked: η(π_new) > η(π_old) for an
 * η-non-optimal π_old is `holds` when certified, `undecided` when the improvement is below the error.
 */
export function checkTheorem1FixedPoint(step: Step, optimum: OptimalSolution): Verdict {
  const { mdp, piOld, piNew, evOld, evNew } = step;
  const { numStates: S } = mdp;
  const hyp = failedHypotheses(step, true);
  if (hyp.length) return outside('fixed point ⇒ optimal', hyp[0]);
  const { resolution, slack } = resolutionAt(
    mdp,
    step.config,
    piOld,
    evOld,
    optimum,
    step.update ? step.update.certificate.optimalityGap : 0,
    step.beta,
  );
  const fixed = piNew.every((x, i) => x === piOld[i]);
  if (fixed) {
    const verdicts: Verdict[] = [];
    for (let s = 0; s < S; s++) {
      verdicts.push(
        withReason(
          compareAtLeast(
            'π_new = π_old ⇒ V_{π_old}(s) ≥ V*(s)',
            evOld.v[s],
            evOld.errorBound.v,
            optimum.vStar[s],
            optimum.errorBound.v + resolution,
            { state: s },
          ),
          'the update returned π_old',
        ),
      );
    }
    const w = worstVerdict(verdicts);
    if (w.status === 'violated' && !Number.isFinite(slack)) {
      return withReason({ ...w, status: 'undecided' }, 'the update step was not certified');
    }
    return w.status === 'undecided' ? { ...w, status: 'holds' } : w;
  }
  const etaGap = compareAtLeast(
    'η* ≥ η(π_old)',
    optimum.etaStar,
    optimum.errorBound.eta,
    evOld.eta,
    evOld.errorBound.eta + resolution,
  );
  if (etaGap.status !== 'holds' || etaGap.margin <= etaGap.error) {
    return { ...etaGap, status: 'holds', reason: 'π_old is η-optimal within its error: no edge needed' };
  }
  const edge = compareAtLeast(
    'η(π_new) > η(π_old) for an η-non-optimal π_old (policy-DAG edge)',
    evNew.eta,
    evNew.errorBound.eta + roundingAllowance(1, Math.abs(evNew.eta)),
    evOld.eta,
    evOld.errorBound.eta,
  );
  if (edge.status === 'holds' && edge.margin <= edge.error) {
    return withReason({ ...edge, status: 'undecided' }, 'the improvement is below the certified error');
  }
  return edge.status === 'violated'
    ? withReason({ ...edge, status: 'undecided' }, 'η decreased: see Theorem 1.1')
    : edge;
}
