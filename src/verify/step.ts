import type { Mdp } from '../mdp/mdp.js';
import { samplingDistribution } from '../mirror/sampling.js';
import type { MirrorConfig } from '../mirror/update/mirrorConfig.js';
import { mirrorUpdate } from '../mirror/update/mirrorUpdate.js';
import { resolveDivergence } from '../mirror/neighbourhoods/neighbourhood.js';
import { type UpdateResult } from '../mirror/update/updateResult.js';
import { PolicyEvaluator, type PolicyEvaluation } from '../policy/evaluatePolicy.js';
import { evaluateExactly } from '../policy/exactEvaluation.js';
import type { Policy } from '../policy/policy.js';

/** One step π_old → π_new of a configuration, with both evaluations and the β used. */
export interface Step {
  readonly mdp: Mdp;
  readonly config: MirrorConfig;
  readonly piOld: Policy;
  readonly evOld: PolicyEvaluation;
  /** β_{π_old}. */
  readonly beta: Float64Array;
  readonly piNew: Policy;
  readonly evNew: PolicyEvaluation;
  /** The exact update's result when π_new came from the solver (its certificate); null for a given π_new. */
  readonly update: UpdateResult | null;
}

/**
 * β_{π_old} for a single step: the sampling distribution with the visitation history [ρ̄_{π_old}] (so `off-policy`
 * equals `visitation` on a first step), or the given history.
 */
export function stepBeta(
  mdp: Mdp,
  config: MirrorConfig,
  evOld: PolicyEvaluation,
  history?: readonly Float64Array[],
): Float64Array {
  return samplingDistribution(config.sampling, mdp.numStates, history ?? [evOld.visitation]);
}

/** The step from π_old to a given π_new (no solver involved). */
export function givenStep(
  mdp: Mdp,
  config: MirrorConfig,
  piOld: Policy,
  piNew: Policy,
  evaluator?: PolicyEvaluator,
): Step {
  const ev = evaluator ?? new PolicyEvaluator(mdp);
  const evOld = ev.evaluate(piOld);
  const beta = stepBeta(mdp, config, evOld);
  const evNew = piNew === piOld ? evOld : ev.evaluate(piNew);
  return { mdp, config, piOld, evOld, beta, piNew, evNew, update: null };
}

/** The exact mirror update from π_old (Definition 3), evaluated. */
export function updateStep(mdp: Mdp, config: MirrorConfig, piOld: Policy, evaluator?: PolicyEvaluator): Step {
  const ev = evaluator ?? new PolicyEvaluator(mdp);
  const evOld = ev.evaluate(piOld);
  const beta = stepBeta(mdp, config, evOld);
  const update = mirrorUpdate({ mdp, piOld, evaluation: evOld, beta }, config);
  return { mdp, config, piOld, evOld, beta, piNew: update.piNew, evNew: ev.evaluate(update.piNew), update };
}

/**
 * The same step with both policies evaluated in exact rational arithmetic (the update, and so π_new, unchanged):
 * confirms a counterexample independently of the floating-point evaluation.
 */
export function exactly(step: Step): Step {
  return { ...step, evOld: evaluateExactly(step.mdp, step.piOld), evNew: evaluateExactly(step.mdp, step.piNew) };
}

/**
 * The slack a computed update leaves in Condition 4 at state s: the proof of Lemma 2 compares π_new with π_new
 * reverted at s, which is feasible, so J(π_new) ≥ J(reverted) − gap gives
 *   [M^{π_new} V_old](s) − V_old(s) ≥ −gap/β(s).
 * 0 for a given π_new (nothing was solved), +∞ when the solver's gap is uncertified.
 */
export function conditionSlack(step: Step, s: number): number {
  if (!step.update) return 0;
  const gap = step.update.certificate.optimalityGap;
  if (gap === null) return Infinity;
  return gap === 0 ? 0 : gap / step.beta[s];
}

/** The hypotheses of Theorem 1 that fail at π_old: β(s) = 0, or an interior-only drift at a boundary π_old. */
export function failedHypotheses(
  step: Pick<Step, 'mdp' | 'config' | 'piOld' | 'beta'>,
  needsZeroGradient: boolean,
): string[] {
  const { mdp, config, piOld, beta } = step;
  const A = mdp.numActions;
  const out: string[] = [];
  for (let s = 0; s < mdp.numStates; s++)
    if (!(beta[s] > 0)) out.push(`beta(${s}) = ${beta[s]}: β must have full support`);
  if (needsZeroGradient) {
    const boundary = Array.from({ length: mdp.numStates }, (_, s) => s).find((s) =>
      piOld.subarray(s * A, (s + 1) * A).some((x) => x === 0),
    );
    if (boundary !== undefined && config.drift.interiorOnly) {
      out.push(
        `pi_old(.|${boundary}) is on the boundary, where ${config.drift.name} meets Definition 1 only in the interior`,
      );
    }
    const closed = ballsWithoutInterior(config, piOld, A);
    if (closed.length) {
      out.push(`N(pi_old) contains no ball around pi_old: ${closed.join(', ')} is +∞ next to a boundary pi_old`);
    }
  }
  return out;
}

/**
 * Ball divergences (resolved) that are +∞ right next to π: at a boundary row of π, moving 2⁻²⁰ of the way toward the
 * uniform row makes them infinite (reverse KL, χ²: π̄ leaves supp π). Such a ball contains no ball around π, so N(π)
 * meets Definition 2 only at full-support π.
 */
export function ballsWithoutInterior(
  config: Pick<MirrorConfig, 'drift' | 'neighbourhood'>,
  pi: Policy,
  A: number,
): string[] {
  const out: string[] = [];
  const S = pi.length / A;
  for (const ball of config.neighbourhood.balls) {
    const div = resolveDivergence(ball, config.drift);
    if (!div.interiorOnly) continue;
    for (let s = 0; s < S; s++) {
      const row = pi.subarray(s * A, (s + 1) * A);
      if (!row.some((x) => x === 0)) continue;
      const eps = 2 ** -20;
      const near = Float64Array.from(row, (x) => (1 - eps) * x + eps / A);
      const ctx = { state: s, advantage: new Float64Array(A), maxAbsAdvantage: 0, gamma: 0 };
      if (!Number.isFinite(div.value(near, row, ctx))) {
        out.push(div.name);
        break;
      }
    }
  }
  return out;
}
