import { roundingAllowance } from '../numeric/rounding.js';
import { applyIMinusGammaPPi, maxAbs } from '../policy/linearOperators.js';
import { mirrorOperator } from '../mirror/mirrorOperator.js';
import type { Step } from './step.js';
import { compareEqual, outside, worstVerdict, type Verdict } from './verdict.js';

/**
 * The exact identity behind Lemma 1 (from the proof of Lemma 1, Kuba et al. 2022, Appendix B), for any π̄:
 *   (I − γP_π̄)(V_π̄ − V_old) = (M^π̄_D V_old − V_old) + (ν/β)⊙D_{π_old}(π̄|·),
 * at every state, to the certified error of the two evaluations.
 */
export function checkExactIdentity(step: Step): Verdict {
  const { mdp, config, piOld, evOld, beta, piNew, evNew } = step;
  const { numStates: S, numActions: A, gamma } = mdp;
  const m = mirrorOperator(mdp, config, piOld, evOld, beta, piNew);
  const diff = new Float64Array(S);
  for (let s = 0; s < S; s++) diff[s] = evNew.v[s] - evOld.v[s];
  const { y, rounding } = applyIMinusGammaPPi(mdp.transition, piNew, S, A, gamma, diff);
  const lhsError =
    (1 + gamma) * (evNew.errorBound.v + evOld.errorBound.v + roundingAllowance(1, maxAbs(evNew.v) + maxAbs(evOld.v))) +
    rounding;
  const verdicts: Verdict[] = [];
  for (let s = 0; s < S; s++) {
    if (!(beta[s] > 0)) {
      // The operator divides by β(s): the state is outside, the others are still checked.
      verdicts.push(outside('exact identity', `beta(${s}) = 0`, { state: s }));
      continue;
    }
    const w = m.ratio[s] === 0 ? 0 : m.ratio[s] * m.driftPerState[s];
    if (!Number.isFinite(w)) {
      verdicts.push(outside('exact identity', `D is infinite at state ${s}`, { state: s }));
      continue;
    }
    const rhs = m.value[s] - evOld.v[s] + w;
    const rhsError =
      m.error[s] + evOld.errorBound.v + roundingAllowance(3, Math.abs(m.value[s]) + Math.abs(evOld.v[s]) + Math.abs(w));
    verdicts.push(
      compareEqual(
        '(I − γP_new)(V_new − V_old)(s) = (M V_old − V_old)(s) + (ν/β)(s)D(s)',
        y[s],
        lhsError,
        rhs,
        rhsError,
        {
          state: s,
        },
      ),
    );
  }
  return worstVerdict(verdicts);
}
