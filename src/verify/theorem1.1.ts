import { roundingAllowance } from '../numeric/rounding.js';
import { mirrorOperator } from '../mirror/mirrorOperator.js';
import { conditionSlack, type Step } from './step.js';
import { compareAtLeast, outside, worstVerdict, withReason, type Verdict } from './verdict.js';

/**
 * Theorem 1.1 (Kuba et al. 2022, Section 3.2), one step of mirror learning:
 *   η(π_new) ≥ η(π_old) + E_{s∼d}[(ν(s)/β(s))·D_{π_old}(π_new|s)],
 * and per state (the proof's Eq. 14)
 *   V_new(s) − V_old(s) ≥ (ν(s)/β(s))·D_{π_old}(π_new|s).
 * A computed update meets Condition 4 only up to σ_s = gap/β(s); by the exact identity behind Lemma 1 both bounds then
 * hold up to max_s σ_s/(1−γ). Uncertified solvers make a deficit `undecided`.
 */
export function checkTheorem1Improvement(step: Step): Verdict {
  const { eta, perState } = theorem1ImprovementParts(step);
  return worstVerdict([eta, perState]);
}

/** Theorem 1.1's two parts separately: the η bound, and the per-state bound of Eq. 14 (worst state). */
export function theorem1ImprovementParts(step: Step): { eta: Verdict; perState: Verdict } {
  const { mdp, config, piOld, evOld, beta, piNew, evNew } = step;
  const { numStates: S, gamma, initial } = mdp;
  const m = mirrorOperator(mdp, config, piOld, evOld, beta, piNew);
  if (m.zeroBeta.length) {
    const o = outside('η(π_new) ≥ η(π_old) + E_d[(ν/β)D]', `beta(${m.zeroBeta[0]}) = 0`);
    return { eta: o, perState: o };
  }
  let sigma = 0;
  for (let s = 0; s < S; s++) sigma = Math.max(sigma, conditionSlack(step, s));
  const certified = Number.isFinite(sigma);
  const slack = certified ? sigma / (1 - gamma) : 0;
  const verdicts: Verdict[] = [];
  let bound = 0;
  let boundMag = 0;
  const errDiff = evOld.errorBound.v + evNew.errorBound.v;
  for (let s = 0; s < S; s++) {
    const w = m.ratio[s] === 0 ? 0 : m.ratio[s] * m.driftPerState[s];
    if (!Number.isFinite(w)) {
      const o = outside('η(π_new) ≥ η(π_old) + E_d[(ν/β)D]', `the drift is infinite at state ${s}`);
      return { eta: o, perState: o };
    }
    bound += initial[s] * w;
    boundMag += initial[s] * Math.abs(w);
    const diff = evNew.v[s] - evOld.v[s];
    verdicts.push(
      compareAtLeast(
        'V_new(s) − V_old(s) ≥ (ν/β)(s)·D(s)   (Eq. 14)',
        diff,
        errDiff + roundingAllowance(1, Math.abs(evNew.v[s]) + Math.abs(evOld.v[s])),
        w,
        slack + roundingAllowance(2, Math.abs(w)) + m.penaltyError[s],
        { state: s },
      ),
    );
  }
  let noiseSum = 0;
  for (let s = 0; s < S; s++) noiseSum += initial[s] * m.penaltyError[s];
  const dEta = evNew.eta - evOld.eta;
  const uncertain = (v: Verdict) =>
    v.status === 'violated' && !certified
      ? withReason({ ...v, status: 'undecided' }, 'the solver did not certify its optimality gap')
      : v;
  const etaVerdict = uncertain(
    compareAtLeast(
      'η(π_new) − η(π_old) ≥ E_{s∼d}[(ν/β)(s)·D(s)]',
      dEta,
      evNew.errorBound.eta + evOld.errorBound.eta + roundingAllowance(1, Math.abs(evNew.eta) + Math.abs(evOld.eta)),
      bound,
      slack + roundingAllowance(S + 2, boundMag) + noiseSum,
    ),
  );
  return { eta: etaVerdict, perState: uncertain(worstVerdict(verdicts)) };
}
