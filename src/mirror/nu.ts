import { InputError } from '../errors.js';

/**
 * The drift's state weighting ν^π̄_π (Kuba et al. 2022, Definition 1 and Section 3.1):
 * - `sampling`: ν = β (the default; the fraction ν/β in the mirror operator disappears);
 * - `visitation`: ν = ρ̄ of the old policy (PPO, PPO-KL);
 * - `max-state`: ν = Dirac at s_max = argmax_s D_π(π̄|s) (TRL, Eq. 2). It depends on π̄. Ties (to `DRIFT_TIE`) go to the
 *   lowest-index state; when π̄ = π every D is 0 and s_max = 0, which changes nothing because the drift is 0 there.
 */
export type NuKind = 'sampling' | 'visitation' | 'max-state';

export const NU_KINDS: readonly NuKind[] = ['sampling', 'visitation', 'max-state'];

export function parseNuSpec(spec: string, flag = '--nu'): NuKind {
  if ((NU_KINDS as readonly string[]).includes(spec)) return spec as NuKind;
  throw new InputError(flag, `unknown nu ${JSON.stringify(spec)} (known: ${NU_KINDS.join(', ')})`);
}

/**
 * Drifts that agree to this relative precision are tied. TRL's exact update ties every state whose ball is active (its
 * epigraph form gives them one level t, D_s = t), and a computed update locates each D_s only to its dual search's
 * resolution (~1e-9 relative was seen), so which of them is largest in doubles is rounding: it moved ν, and with it
 * Lemma 2's verdict, when the solver changed (a committed TRL counterexample of session 10). √u is far above that
 * resolution and far below any drift difference a solver means.
 */
export const DRIFT_TIE = 2 ** -26;

/** max_s D_s (NaN entries skipped unless the first; TRL's penalty D^ν). */
export function largestDrift(drifts: ArrayLike<number>): number {
  let max = drifts[0];
  for (let s = 1; s < drifts.length; s++) if (drifts[s] > max) max = drifts[s];
  return max;
}

/** s_max = argmax_s D_s, the lowest index among the states tied with the maximum (`DRIFT_TIE`). */
export function maxDriftState(drifts: ArrayLike<number>): number {
  const max = largestDrift(drifts);
  // max − |max|·DRIFT_TIE: a negative maximum (an invalid drift under test) has its window below it too.
  for (let s = 0; s < drifts.length; s++) if (drifts[s] >= max - Math.abs(max) * DRIFT_TIE) return s;
  return 0;
}

/**
 * (ν/β)(s), the penalty weight of state s's objective φ_s(p) = ⟨p, Q_s⟩ − (ν/β)(s)·D_s(p), for a ν that does not
 * depend on π̄: 1 for ν = β, ρ̄(s)/β(s) for ν = ρ̄ of the old policy. The one place this ratio is formed (the update,
 * the argmax checks and the stall test all read it here).
 */
export function penaltyWeight(
  nu: Exclude<NuKind, 'max-state'>,
  visitation: Float64Array,
  beta: Float64Array,
  s: number,
): number {
  return nu === 'sampling' ? 1 : visitation[s] / beta[s];
}

/**
 * ν^π̄_π at every state (Kuba et al. 2022, Definition 1): β, ρ̄ of the old policy, or a Dirac at the state of largest
 * drift (TRL, which depends on π̄ through `driftPerState`). The one place ν is chosen.
 */
export function nuFor(
  nu: NuKind,
  visitation: Float64Array,
  beta: Float64Array,
  driftPerState: Float64Array,
): Float64Array {
  switch (nu) {
    case 'sampling':
      return Float64Array.from(beta);
    case 'visitation':
      return Float64Array.from(visitation);
    case 'max-state': {
      const out = new Float64Array(beta.length);
      out[maxDriftState(driftPerState)] = 1;
      return out;
    }
  }
}
