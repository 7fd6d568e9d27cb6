import type { Mdp } from '../../mdp/mdp.js';
import type { PolicyEvaluation } from '../../policy/evaluatePolicy.js';
import type { Policy } from '../../policy/policy.js';
import type { UpdateCertificate } from './updateCertificate.js';

/** Everything the update needs about the old policy. */
export interface UpdateInput {
  readonly mdp: Mdp;
  readonly piOld: Policy;
  readonly evaluation: PolicyEvaluation;
  /** β_{π_old}, from the sampling distribution. */
  readonly beta: Float64Array;
  /**
   * Where each expected-divergence ball's multiplier search starts (the previous update's `multipliers` inside a run):
   * a hint only — the answer and its certificate do not depend on it beyond the dual search's tolerance.
   */
  readonly multiplierHints?: readonly number[];
}

/** The new policy and what was computed on the way. */
export interface UpdateResult {
  readonly piNew: Policy;
  /** J(π_new) = E_{s∼β}[M^{π_new} V_old(s)] (Eq. 5). */
  readonly objective: number;
  /** J(π_old) = E_{s∼β}[V_old(s)]. */
  readonly objectiveOld: number;
  /** ν^{π_new}_{π_old}. */
  readonly nu: Float64Array;
  /** D_{π_old}(π_new|s) per state. */
  readonly driftPerState: Float64Array;
  readonly certificate: UpdateCertificate;
  /**
   * The expected-divergence balls' Lagrange multipliers, in the neighbourhood's order: the last one each search found
   * (its starting guess where the ball was inactive), to start the next update's search.
   */
  readonly multipliers?: readonly number[];
}
