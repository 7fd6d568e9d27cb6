import { mirrorOperator } from '../mirror/mirrorOperator.js';
import { stateGap, type Step } from './step.js';
import { compareAtLeast, outside, withReason, worstVerdict, type Verdict } from './verdict.js';

const INEQUALITY = '[M^{π_new} V_old](s) ≥ V_old(s)';

/**
 * Lemma 2 (Kuba et al. 2022, Section 3.2): the mirror update of Eq. (5) satisfies Condition 4 at every state,
 *   [M^{π_new}_D V_old](s) ≥ V_old(s).
 * The proof compares π_new with π_new reverted to π_old at s, which Definition 2 keeps feasible: J(reverted) − J(π_new)
 * = −β(s)·m(s) with m(s) = [M^{π_new} V_old](s) − V_old(s). So a computed update meets the inequality up to its
 * certified per-state gap g_s (`stateGap`), and a deficit beyond it is `violated` whatever the solver claims: the
 * reverted policy is a feasible, certifiably better competitor — the update is not the argmax. With an uncertified
 * solver that holds for any certified deficit (g_s is not needed). Only when ν depends on π̄ (TRL's max-state ν, where
 * reverting moves the penalty) does an uncertified step leave a deficit `undecided`.
 * States with β(s) = 0 are outside the hypotheses (the operator divides by β); the other states are checked.
 */
export function checkLemma2(step: Step): Verdict {
  const { mdp, config, piOld, evOld, beta, piNew } = step;
  const m = mirrorOperator(mdp, config, piOld, evOld, beta, piNew);
  const verdicts: Verdict[] = [];
  for (let s = 0; s < mdp.numStates; s++) {
    if (!(beta[s] > 0)) {
      verdicts.push(outside(INEQUALITY, `beta(${s}) = 0: the operator is undefined there`, { state: s }));
      continue;
    }
    const gap = stateGap(step, s);
    const competitor = config.nu !== 'max-state';
    const allowance = Number.isFinite(gap) ? gap : competitor ? 0 : Infinity;
    const v = compareAtLeast(INEQUALITY, m.value[s], m.error[s] + allowance, evOld.v[s], evOld.errorBound.v, {
      state: s,
    });
    if (v.status !== 'violated') {
      verdicts.push(v);
      continue;
    }
    verdicts.push(
      withReason(
        v,
        Number.isFinite(gap)
          ? `beyond the solver's certified gap ${gap} at this state: π_new reverted at state ${s} is feasible and better`
          : `the solver did not certify its step, and π_new reverted at state ${s} is feasible and certifiably better: the update is not the argmax`,
      ),
    );
  }
  return worstVerdict(verdicts);
}
