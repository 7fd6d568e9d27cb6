import { roundingAllowance } from '../numeric/rounding.js';
import { mirrorOperator } from '../mirror/mirrorOperator.js';
import type { Step } from './step.js';
import { compareAtLeast, outside, worstVerdict, type Verdict } from './verdict.js';

/**
 * Lemma 1 (Kuba et al. 2022, Section 3.2): if Condition 4 holds,
 *   [M^{π_new}_D V_old](s) ≥ [M^{π_old}_D V_old](s) = V_old(s)   for every s,
 * then V_new(s) ≥ V_old(s) for every s, and quantitatively
 *   inf_s [V_new(s) − V_old(s)] ≥ inf_s (ν(s)/β(s))·D_{π_old}(π_new|s) / (1 − γ).
 *
 * The premise is checked on certified numbers: it fails (→ `outside`) when Condition 4 is certifiably false at some
 * state; where it is true only up to its certified error σ_s, both conclusions are weakened by max_s σ_s/(1−γ), which
 * is what the exact identity (I − γP_new)(V_new − V_old) = (M^{π_new}V_old − V_old) + (ν/β)⊙D gives.
 * A row left exactly unchanged with D = 0 meets Condition 4 with equality (σ = 0).
 */
export function checkLemma1(step: Step): Verdict {
  const { mdp, config, piOld, evOld, beta, piNew, evNew } = step;
  const { numStates: S, numActions: A, gamma } = mdp;
  const m = mirrorOperator(mdp, config, piOld, evOld, beta, piNew);
  // Where β(s) = 0 the operator is undefined; a row left unchanged there meets Condition 4 with equality (D = 0), a
  // moved one takes the case outside the hypotheses.
  const same = (s: number) => {
    for (let a = 0; a < A; a++) if (piNew[s * A + a] !== piOld[s * A + a]) return false;
    return true;
  };
  const moved = m.zeroBeta.find((s) => !same(s));
  if (moved !== undefined) return outside('Condition 4 ⇒ V_new ≥ V_old', `beta(${moved}) = 0 where π_new moved`);
  let sigma = 0;
  let minW = Infinity;
  let wRounding = 0;
  for (let s = 0; s < S; s++) {
    if (!(beta[s] > 0)) {
      minW = Math.min(minW, 0);
      continue;
    }
    const w = m.ratio[s] === 0 ? 0 : m.ratio[s] * m.driftPerState[s];
    minW = Math.min(minW, w);
    wRounding = Math.max(wRounding, roundingAllowance(2, Math.abs(w)) + m.penaltyError[s]);
    let unchanged = m.driftPerState[s] === 0;
    for (let a = 0; a < A && unchanged; a++) unchanged = piNew[s * A + a] === piOld[s * A + a];
    if (unchanged) continue;
    const premise = compareAtLeast('Condition 4', m.value[s], m.error[s], evOld.v[s], evOld.errorBound.v, { state: s });
    if (premise.status === 'violated') {
      return outside('Condition 4 ⇒ V_new ≥ V_old', `Condition 4 fails at state ${s} (margin ${premise.margin})`, {
        state: s,
      });
    }
    sigma = Math.max(sigma, premise.error - premise.margin, 0);
  }
  if (!Number.isFinite(minW)) return outside('Condition 4 ⇒ V_new ≥ V_old', 'the drift is infinite at some state');
  const slack = sigma / (1 - gamma);
  const errDiff = evOld.errorBound.v + evNew.errorBound.v;
  const verdicts: Verdict[] = [];
  let minDiff = Infinity;
  let minState = 0;
  for (let s = 0; s < S; s++) {
    const diff = evNew.v[s] - evOld.v[s];
    if (diff < minDiff) {
      minDiff = diff;
      minState = s;
    }
    verdicts.push(
      compareAtLeast(
        'V_new(s) ≥ V_old(s)',
        diff,
        errDiff + roundingAllowance(1, Math.abs(evNew.v[s]) + Math.abs(evOld.v[s])),
        0,
        slack,
        { state: s },
      ),
    );
  }
  const bound = minW / (1 - gamma);
  verdicts.push(
    compareAtLeast(
      'inf_s [V_new − V_old](s) ≥ inf_s (ν/β)(s)·D(s) / (1−γ)',
      minDiff,
      errDiff + roundingAllowance(1, Math.abs(minDiff)),
      bound,
      slack + wRounding / (1 - gamma),
      { state: minState },
    ),
  );
  return worstVerdict(verdicts);
}
