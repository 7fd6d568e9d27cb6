import { mirrorOperator } from '../mirror/mirrorOperator.js';
import { conditionSlack, type Step } from './step.js';
import { compareAtLeast, outside, worstVerdict, withReason, type Verdict } from './verdict.js';

/**
 * Lemma 2 (Kuba et al. 2022, Section 3.2): the mirror update of Eq. (5) satisfies Condition 4 at every state,
 *   [M^{π_new}_D V_old](s) ≥ V_old(s).
 * For a computed update the solver's certified optimality gap enters as a slack gap/β(s) (see `conditionSlack`); with
 * an uncertified solver a deficit is `undecided`, never `violated`.
 */
export function checkLemma2(step: Step): Verdict {
  const { mdp, config, piOld, evOld, beta, piNew } = step;
  const m = mirrorOperator(mdp, config, piOld, evOld, beta, piNew);
  if (m.zeroBeta.length) return outside('[M^{π_new} V_old](s) ≥ V_old(s)', `beta(${m.zeroBeta[0]}) = 0`);
  const verdicts: Verdict[] = [];
  for (let s = 0; s < mdp.numStates; s++) {
    const slack = conditionSlack(step, s);
    const v = compareAtLeast(
      '[M^{π_new} V_old](s) ≥ V_old(s)',
      m.value[s],
      m.error[s] + (Number.isFinite(slack) ? slack : 0),
      evOld.v[s],
      evOld.errorBound.v,
      { state: s },
    );
    verdicts.push(
      v.status === 'violated' && !Number.isFinite(slack)
        ? withReason({ ...v, status: 'undecided' }, 'the solver did not certify its optimality gap')
        : v,
    );
  }
  return worstVerdict(verdicts);
}
