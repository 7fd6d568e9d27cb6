import type { Mdp } from '../mdp/mdp.js';
import { samplingDistribution } from '../mirror/sampling.js';
import type { MirrorConfig } from '../mirror/update/mirrorConfig.js';
import { mirrorUpdate } from '../mirror/update/mirrorUpdate.js';
import type { UpdateInput, UpdateResult } from '../mirror/update/updateResult.js';
import { evaluateExactly } from '../policy/exactEvaluation.js';
import { resolveDivergence } from '../mirror/neighbourhoods/neighbourhood.js';
import { PolicyEvaluator, type PolicyEvaluation } from '../policy/evaluatePolicy.js';
import type { Policy } from '../policy/policy.js';

/**
 * What a claim trusts to the engine: evaluating a policy (in floating point with certified bounds, and exactly, for
 * confirmation) and computing the exact update. The exact engine is the default; an engine mutant (a solver that skips
 * a state, an evaluator that lies about its error, …) replaces a part to show that the claims catch it.
 */
export interface Engine {
  readonly name: string;
  evaluator(mdp: Mdp): { evaluate(pi: Policy): PolicyEvaluation };
  evaluateExactly(mdp: Mdp, pi: Policy): PolicyEvaluation;
  update(input: UpdateInput, config: MirrorConfig): UpdateResult;
}

/** The engine itself: LU evaluation with certified bounds, rational evaluation, the exact update of Definition 3. */
export const EXACT_ENGINE: Engine = {
  name: 'exact',
  evaluator: (mdp) => new PolicyEvaluator(mdp),
  evaluateExactly,
  update: mirrorUpdate,
};

/** One step π_old → π_new of a configuration, with both evaluations and the β used. */
export interface Step {
  readonly mdp: Mdp;
  readonly config: MirrorConfig;
  readonly engine: Engine;
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
  engine: Engine = EXACT_ENGINE,
  history?: readonly Float64Array[],
): Step {
  const ev = engine.evaluator(mdp);
  const evOld = ev.evaluate(piOld);
  const beta = stepBeta(mdp, config, evOld, history);
  const evNew = piNew === piOld ? evOld : ev.evaluate(piNew);
  return { mdp, config, engine, piOld, evOld, beta, piNew, evNew, update: null };
}

/** The exact mirror update from π_old (Definition 3), evaluated; `history` feeds an off-policy β. */
export function updateStep(
  mdp: Mdp,
  config: MirrorConfig,
  piOld: Policy,
  engine: Engine = EXACT_ENGINE,
  history?: readonly Float64Array[],
): Step {
  const ev = engine.evaluator(mdp);
  const evOld = ev.evaluate(piOld);
  const beta = stepBeta(mdp, config, evOld, history);
  const update = engine.update({ mdp, piOld, evaluation: evOld, beta }, config);
  return { mdp, config, engine, piOld, evOld, beta, piNew: update.piNew, evNew: ev.evaluate(update.piNew), update };
}

/**
 * The same step with both policies evaluated in exact rational arithmetic (the update, and so π_new, unchanged):
 * confirms a counterexample independently of the floating-point evaluation.
 */
export function exactly(step: Step): Step {
  const { engine, mdp } = step;
  return { ...step, evOld: engine.evaluateExactly(mdp, step.piOld), evNew: engine.evaluateExactly(mdp, step.piNew) };
}

/**
 * The certified bound on φ*_s − φ_s(π_new) at state s, in the state's own objective φ_s(p) = ⟨p, Q_s⟩ − (ν/β)(s)·D_s(p):
 * the solver's per-state gap where the problem separates, else the whole gap over β(s) (J = Σ_s β(s)·φ_s, and
 * reverting one state is feasible). 0 for a given π_new (nothing was solved), +∞ when the solver did not certify.
 */
export function stateGap(step: Step, s: number): number {
  if (!step.update) return 0;
  const { optimalityGap, stateGaps } = step.update.certificate;
  if (optimalityGap === null) return Infinity;
  const whole = optimalityGap === 0 ? 0 : optimalityGap / step.beta[s];
  return stateGaps ? Math.min(stateGaps[s], whole) : whole;
}

/**
 * Why Definition 1's zero gradient, or Definition 2's ball around π, is not claimed at row s of π: an interior-only
 * drift at a boundary row, or a ball whose divergence is +∞ right next to it (reverse KL, χ²). null when both are.
 * (docs/verification.md, "Interior-only": such configurations meet the hypotheses only at full-support rows.)
 */
export function zeroGradientFailure(
  config: Pick<MirrorConfig, 'drift' | 'neighbourhood'>,
  pi: Policy,
  A: number,
  s: number,
): string | null {
  const row = pi.subarray(s * A, (s + 1) * A);
  if (!row.some((x) => x === 0)) return null;
  if (config.drift.interiorOnly) {
    return `pi(.|${s}) is on the boundary, where ${config.drift.name} meets Definition 1 only in the interior`;
  }
  const closed = ballsWithoutInterior(config, row, s);
  return closed ? `N(pi) contains no ball around pi at state ${s}: ${closed} is +∞ next to a boundary row` : null;
}

/** The hypotheses of Theorem 1 that fail at π_old: β(s) = 0, or (`needsZeroGradient`) `zeroGradientFailure`. */
export function failedHypotheses(
  step: Pick<Step, 'mdp' | 'config' | 'piOld' | 'beta'>,
  needsZeroGradient: boolean,
): string[] {
  const { mdp, config, piOld, beta } = step;
  const out: string[] = [];
  for (let s = 0; s < mdp.numStates; s++) {
    if (!(beta[s] > 0)) out.push(`beta(${s}) = ${beta[s]}: β must have full support`);
    const failure = needsZeroGradient ? zeroGradientFailure(config, piOld, mdp.numActions, s) : null;
    if (failure) out.push(failure);
  }
  return out;
}

/**
 * The first interior-only ball divergence (resolved) that is +∞ right next to a boundary row, or does not shrink
 * toward it: moving 2⁻⁴⁰ of the way toward the uniform row leaves it infinite (reverse KL, χ²: π̄ leaves supp π) or
 * not below half its value at 2⁻²⁰ (a saturating transform of them). Such a ball contains no ball around π, so N(π) meets
 * Definition 2 only at full-support π. null when there is none.
 */
export function ballsWithoutInterior(
  config: Pick<MirrorConfig, 'drift' | 'neighbourhood'>,
  row: Float64Array,
  s: number,
): string | null {
  const A = row.length;
  if (!row.some((x) => x === 0)) return null;
  for (const ball of config.neighbourhood.balls) {
    const div = resolveDivergence(ball, config.drift);
    if (!div.interiorOnly) continue;
    const ctx = { state: s, advantage: new Float64Array(A), maxAbsAdvantage: 0, gamma: 0 };
    const near = (eps: number) =>
      div.value(
        Float64Array.from(row, (x) => (1 - eps) * x + eps / A),
        row,
        ctx,
      );
    // +∞ next to the row (reverse KL, χ²), or a value that does not shrink toward it (a saturating transform of them).
    const [d1, d2] = [near(2 ** -20), near(2 ** -40)];
    if (!Number.isFinite(d2) || !(d2 < d1 / 2)) return div.name;
  }
  return null;
}
