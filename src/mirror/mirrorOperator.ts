import type { Mdp } from '../mdp/mdp.js';
import { DRIFT_TIE, largestDrift, nuFor } from './nu.js';
import type { MirrorConfig } from './update/mirrorConfig.js';
import { driftContexts } from './drifts/driftContexts.js';
import { roundingAllowance, UNIT_ROUNDOFF } from '../numeric/rounding.js';
import type { PolicyEvaluation } from '../policy/evaluatePolicy.js';
import type { Policy } from '../policy/policy.js';
import { driftNoise } from './drifts/driftNumerics.js';

/** The mirror operator of π̄ applied to V_old at every state, with what went into it. */
export interface MirrorOperatorValues {
  /** [M^π̄_D V_old](s) = E_{a∼π̄}[Q_old(s,a)] − (ν(s)/β(s))·D_{π_old}(π̄|s). */
  readonly value: Float64Array;
  /** Certified error of each value (from Q_old's bound and the rounding of the dot product and the penalty). */
  readonly error: Float64Array;
  /** D_{π_old}(π̄|s). */
  readonly driftPerState: Float64Array;
  /** ν^π̄_{π_old}. */
  readonly nu: Float64Array;
  /** ν(s)/β(s) (NaN where β(s) = 0). */
  readonly ratio: Float64Array;
  /** States where β(s) = 0: the operator is undefined there (outside the hypotheses). */
  readonly zeroBeta: number[];
  /**
   * Certified error of the penalty (ν/β)(s)·D(s): (ν/β)·`driftNoise`, plus the whole penalty where π̄(·|s) equals
   * π_old(·|s) up to rounding (see `sameUpToRounding`: there the drift's value is the noise of evaluating it at π̄ = π).
   * Included in `error`; checks that compare the penalty itself add it too.
   */
  readonly penaltyError: Float64Array;
}

/**
 * π̄(·|s) = π(·|s) up to rounding: every entry within 4u of the other's magnitude. A solver whose exact answer at s is
 * π(·|s) returns such a row (e.g. a closed form π ∝ π·exp(0) renormalised), and a drift evaluated there returns its
 * own rounding noise (a KL of two rows that sum to 1 only up to u is of order u, not u²).
 */
export function sameUpToRounding(piBar: Float64Array, pi: Float64Array, s: number, A: number): boolean {
  for (let a = 0; a < A; a++) {
    const x = piBar[s * A + a];
    const y = pi[s * A + a];
    if (Math.abs(x - y) > 4 * UNIT_ROUNDOFF * Math.max(Math.abs(x), Math.abs(y))) return false;
  }
  return true;
}

/**
 * Mirror operator [M^π̄_D V_π](s) = E_{a∼π̄}[Q_π(s,a)] − ν^π̄_π(s)/β_π(s) · D_π(π̄|s) at every state.
 * Kuba et al. 2022, Mirror Learning, Section 3.1 (Definition 3's summand).
 * A drift value of +∞ with a zero weight counts as 0 (no penalty is charged where ν(s) = 0).
 */
export function mirrorOperator(
  mdp: Mdp,
  config: MirrorConfig,
  piOld: Policy,
  evOld: PolicyEvaluation,
  beta: Float64Array,
  piBar: Policy,
): MirrorOperatorValues {
  const { numStates: S, numActions: A } = mdp;
  const contexts = driftContexts(mdp, evOld);
  const driftPerState = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    driftPerState[s] = config.drift.value(
      piBar.subarray(s * A, (s + 1) * A),
      piOld.subarray(s * A, (s + 1) * A),
      contexts[s],
    );
  }
  const nu = nuFor(config.nu, evOld.visitation, beta, driftPerState);
  // TRL's s_max among drifts tied to DRIFT_TIE: its penalty D(s_max) may be below the true max_s D by that much.
  const largest = config.nu === 'max-state' ? largestDrift(driftPerState) : 0;
  const tieAllowance = Number.isFinite(largest) ? DRIFT_TIE * Math.abs(largest) : 0;
  const value = new Float64Array(S);
  const error = new Float64Array(S);
  const ratio = new Float64Array(S);
  const penaltyError = new Float64Array(S);
  const zeroBeta: number[] = [];
  for (let s = 0; s < S; s++) {
    let dot = 0;
    let mag = 0;
    let mass = 0;
    for (let a = 0; a < A; a++) {
      const p = piBar[s * A + a];
      dot += p * evOld.q[s * A + a];
      mag += p * Math.abs(evOld.q[s * A + a]);
      mass += p;
    }
    if (!(beta[s] > 0)) {
      zeroBeta.push(s);
      ratio[s] = NaN;
      value[s] = NaN;
      error[s] = NaN;
      continue;
    }
    const c = (ratio[s] = nu[s] / beta[s]);
    const penalty = c === 0 ? 0 : c * driftPerState[s];
    value[s] = dot - penalty;
    const finite = Number.isFinite(penalty) ? Math.abs(penalty) : 0;
    penaltyError[s] =
      c === 0
        ? 0
        : c *
          driftNoise(
            config.drift,
            piBar.subarray(s * A, (s + 1) * A),
            piOld.subarray(s * A, (s + 1) * A),
            contexts[s],
            driftPerState[s],
          );
    if (c !== 0) penaltyError[s] += c * tieAllowance;
    error[s] = evOld.errorBound.q * mass + roundingAllowance(A + 4, mag + finite) + penaltyError[s];
    if (sameUpToRounding(piBar, piOld, s, A)) {
      penaltyError[s] += finite;
      // ⟨π̄ − π, Q⟩ is rounding too: at most Σ_a |π̄_a − π_a|·|Q_a|.
      let drift = 0;
      for (let a = 0; a < A; a++) drift += Math.abs(piBar[s * A + a] - piOld[s * A + a]) * Math.abs(evOld.q[s * A + a]);
      error[s] += finite + drift;
    }
  }
  return { value, error, driftPerState, nu, ratio, zeroBeta, penaltyError };
}
