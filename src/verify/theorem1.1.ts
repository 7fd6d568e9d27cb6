import { mirrorOperator, type MirrorOperatorValues } from '../mirror/mirrorOperator.js';
import { roundingAllowance } from '../numeric/rounding.js';
import { stateGap, type Step } from './step.js';
import { compareAtLeast, outside, worstVerdict, type Verdict } from './verdict.js';

const ETA = 'η(π_new) − η(π_old) ≥ E_{s∼d}[(ν/β)(s)·D(s)]';
const EQ14 = 'V_new(s) − V_old(s) ≥ (ν/β)(s)·D(s)   (Eq. 14)';

/**
 * The measured Condition 4 deficits of a step: δ(s) = max(0, err_s − m(s)) with m(s) = [M^{π_new} V_old](s) − V_old(s)
 * computed and err_s its certified error, so that the true m(s) ≥ −δ(s) whatever solver produced π_new. Where β(s) = 0
 * the operator is undefined; there a(s) = ⟨π_new(s), Q_old(s)⟩ − V_old(s) (the identity's whole right side) is used
 * and the weighted drift w(s) is 0 when π_new keeps π_old's row (the update does), `null` otherwise.
 */
export interface MeasuredDeficits {
  readonly delta: Float64Array;
  /**
   * The deficit the solver's certificate allows instead: err_s + g_s with g_s its certified per-state gap (`stateGap`),
   * +∞ where uncertified — the allowance of Theorem 1.1 for the exact update, before anything is measured.
   */
  readonly certified: Float64Array;
  /** w(s) = (ν/β)(s)·D(s), NaN where undefined (β(s) = 0 and the row moved). */
  readonly w: Float64Array;
  /** The certified error of each w(s). */
  readonly wError: Float64Array;
  readonly m: MirrorOperatorValues;
}

export function measuredDeficits(step: Step): MeasuredDeficits {
  const { mdp, config, piOld, evOld, beta, piNew } = step;
  const { numStates: S, numActions: A } = mdp;
  const m = mirrorOperator(mdp, config, piOld, evOld, beta, piNew);
  const delta = new Float64Array(S);
  const certified = new Float64Array(S);
  const w = new Float64Array(S);
  const wError = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    if (beta[s] > 0) {
      const margin = m.value[s] - evOld.v[s];
      const err = m.error[s] + evOld.errorBound.v + roundingAllowance(1, Math.abs(m.value[s]) + Math.abs(evOld.v[s]));
      delta[s] = Math.max(0, err - margin);
      certified[s] = err + stateGap(step, s);
      w[s] = m.ratio[s] === 0 ? 0 : m.ratio[s] * m.driftPerState[s];
      wError[s] = roundingAllowance(2, Math.abs(w[s])) + m.penaltyError[s];
      continue;
    }
    let a = 0;
    let mag = 0;
    let moved = false;
    for (let b = 0; b < A; b++) {
      const p = piNew[s * A + b];
      a += p * evOld.q[s * A + b];
      mag += p * Math.abs(evOld.q[s * A + b]);
      moved ||= p !== piOld[s * A + b];
    }
    const err = evOld.errorBound.q + evOld.errorBound.v + roundingAllowance(A + 1, mag + Math.abs(evOld.v[s]));
    delta[s] = Math.max(0, err - (a - evOld.v[s]));
    certified[s] = err;
    w[s] = moved ? NaN : 0;
  }
  return { delta, certified, w, wError, m };
}

/**
 * Theorem 1.1 (Kuba et al. 2022, Section 3.2), one step of mirror learning:
 *   η(π_new) ≥ η(π_old) + E_{s∼d}[(ν(s)/β(s))·D_{π_old}(π_new|s)],
 * and per state (the proof's Eq. 14)
 *   V_new(s) − V_old(s) ≥ (ν(s)/β(s))·D_{π_old}(π_new|s).
 * The allowance is measured, not assumed: by the exact identity (I − γP_new)(V_new − V_old) = m + w, with m ≥ −δ
 * (`measuredDeficits`), ΔV ≥ (I − γP_new)⁻¹(w − δ), so Eq. 14 holds up to (I − γP_new)⁻¹δ ≤ δ + γ‖δ‖∞/(1−γ) and the η
 * bound up to ρ̄_newᵀδ/(1 − γ) — for any π_new, with any solver, certified or not. What the theorem adds is D ≥ 0
 * ((I − γP)⁻¹w ≥ w and ρ̄/(1−γ) ≥ d need w ≥ 0): a negative drift breaks it by itself. A Condition 4 deficit is
 * Lemma 2's to report.
 */
export function checkTheorem1Improvement(step: Step): Verdict {
  const { eta, perState } = theorem1ImprovementParts(step);
  return worstVerdict([eta, perState]);
}

/**
 * Theorem 1.1's two parts separately: the η bound, and the per-state bound of Eq. 14 (worst state). `slack` is the
 * measured Condition 4 deficit (the claim) or what the solver's certificate allows (`certificate`: the theorem as
 * stated for the exact update, which is how the TRL investigation shows Eq. 14 itself failing).
 */
export function theorem1ImprovementParts(
  step: Step,
  slack: 'measured' | 'certificate' = 'measured',
): { eta: Verdict; perState: Verdict } {
  const { mdp, evOld, evNew } = step;
  const { numStates: S, gamma, initial } = mdp;
  const deficits = measuredDeficits(step);
  const { w, wError } = deficits;
  const delta = slack === 'measured' ? deficits.delta : deficits.certified;
  let deltaMax = 0;
  let deltaVisited = 0;
  for (let s = 0; s < S; s++) {
    deltaMax = Math.max(deltaMax, delta[s]);
    deltaVisited += evNew.visitation[s] * delta[s];
  }
  const tail = (gamma * deltaMax) / (1 - gamma);
  const verdicts: Verdict[] = [];
  let bound = 0;
  let boundMag = 0;
  let boundError = 0;
  let undefinedAt = -1;
  const errDiff = evOld.errorBound.v + evNew.errorBound.v;
  for (let s = 0; s < S; s++) {
    if (Number.isNaN(w[s])) {
      verdicts.push(outside(EQ14, `beta(${s}) = 0 and π_new moved there: (ν/β)·D is undefined`, { state: s }));
      if (initial[s] > 0) undefinedAt = s;
      continue;
    }
    if (!Number.isFinite(w[s])) {
      verdicts.push(outside(EQ14, `the drift is infinite at state ${s}`, { state: s }));
      if (initial[s] > 0) undefinedAt = s;
      continue;
    }
    bound += initial[s] * w[s];
    boundMag += initial[s] * Math.abs(w[s]);
    boundError += initial[s] * wError[s];
    const diff = evNew.v[s] - evOld.v[s];
    verdicts.push(
      compareAtLeast(
        EQ14,
        diff,
        errDiff + roundingAllowance(1, Math.abs(evNew.v[s]) + Math.abs(evOld.v[s])),
        w[s],
        wError[s] + delta[s] + tail,
        { state: s },
      ),
    );
  }
  const perState = worstVerdict(verdicts);
  if (undefinedAt >= 0) {
    return { eta: outside(ETA, `the bound is undefined at state ${undefinedAt}, where d > 0`), perState };
  }
  const dEta = evNew.eta - evOld.eta;
  const etaSlack = (deltaVisited + evNew.errorBound.visitation * deltaMax) / (1 - gamma);
  const eta = compareAtLeast(
    ETA,
    dEta,
    evNew.errorBound.eta + evOld.errorBound.eta + roundingAllowance(1, Math.abs(evNew.eta) + Math.abs(evOld.eta)),
    bound,
    etaSlack + roundingAllowance(S + 2, boundMag) + boundError + roundingAllowance(2 * S, etaSlack),
  );
  return { eta, perState };
}
