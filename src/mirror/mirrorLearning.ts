import type { Mdp } from '../mdp/mdp.js';
import { PolicyEvaluator, type EvaluationErrorBound, type PolicyEvaluation } from '../policy/evaluatePolicy.js';
import type { Policy } from '../policy/policy.js';
import { uniformPolicy } from '../policy/policy.js';
import { policyIteration } from '../policy/policyIteration.js';
import { samplingDistribution } from './sampling.js';
import type { MirrorConfig } from './update/mirrorConfig.js';
import { mirrorUpdate } from './update/mirrorUpdate.js';
import type { UpdateInput, UpdateResult } from './update/updateResult.js';
import type { UpdateCertificate } from './update/updateCertificate.js';

/** One iteration of a mirror-learning run; n = 0 is the initial policy. */
export interface IterationRecord {
  readonly n: number;
  readonly eta: number;
  readonly v: Float64Array;
  readonly policy: Policy;
  /** D^ν_{π_{n−1}}(π_n) = Σ_s ν(s) D_{π_{n−1}}(π_n|s) (0 for n = 0). */
  readonly drift: number;
  /** E_{s∼d}[(ν(s)/β(s)) · D_{π_{n−1}}(π_n|s)], the improvement lower bound of Theorem 1.1 (0 for n = 0). */
  readonly weightedDrift: number;
  /** η* − η(π_n). */
  readonly gap: number;
  readonly errorBound: EvaluationErrorBound;
  /** The step's certificate (null for n = 0). */
  readonly certificate: UpdateCertificate | null;
  /** β_{π_{n−1}} and ν used by the step into π_n (null for n = 0). */
  readonly beta: Float64Array | null;
  readonly nu: Float64Array | null;
  readonly driftPerState: Float64Array | null;
  /** The update that produced π_n (null for n = 0). */
  readonly update: UpdateResult | null;
}

export interface MirrorRun {
  readonly mdp: Mdp;
  readonly config: MirrorConfig;
  readonly etaStar: number;
  readonly etaStarError: number;
  readonly iterations: IterationRecord[];
  /** `fixed-point`: the update returned π_old; `budget`: the iteration budget ran out; `stop-when`: the caller's test. */
  readonly stoppedBecause: 'fixed-point' | 'budget' | 'stop-when';
}

export interface MirrorLearningOptions {
  readonly iterations?: number;
  readonly initialPolicy?: Policy;
  /** η* if already known (saves a policy iteration). */
  readonly etaStar?: { value: number; error: number };
  /** Called after each iteration (progress display). */
  readonly onIteration?: (record: IterationRecord, update: UpdateResult | null) => void;
  /** Stops the run after an iteration for which this returns true (e.g. η* − η ≤ 1e-6). */
  readonly stopWhen?: (record: IterationRecord) => boolean;
  /** The update rule (default: the exact update, `mirrorUpdate`); a test may pass a deliberately broken one. */
  readonly update?: (input: UpdateInput, config: MirrorConfig) => UpdateResult;
  /** The evaluator of the iterates (default: `PolicyEvaluator`, LU with certified bounds). */
  readonly evaluator?: { evaluate(pi: Policy): PolicyEvaluation };
}

/**
 * Mirror learning (Kuba et al. 2022, Algorithm 1): from π_0, π_{n+1} = the exact update of Definition 3, recording
 * η, V, the drift and the Theorem 1.1 bound per step; stops at a fixed point (π_{n+1} = π_n exactly) or after the
 * iteration budget.
 */
export function mirrorLearning(mdp: Mdp, config: MirrorConfig, options: MirrorLearningOptions = {}): MirrorRun {
  const { numStates: S, numActions: A } = mdp;
  const budget = options.iterations ?? 50;
  const evaluator = options.evaluator ?? new PolicyEvaluator(mdp);
  const update = options.update ?? mirrorUpdate;
  const star =
    options.etaStar ??
    (() => {
      const sol = policyIteration(mdp);
      return { value: sol.etaStar, error: sol.errorBound.eta };
    })();
  let piOld: Policy = Float64Array.from(options.initialPolicy ?? uniformPolicy(S, A));
  let evOld = evaluator.evaluate(piOld);
  const history: Float64Array[] = [evOld.visitation];
  const iterations: IterationRecord[] = [];
  const record0: IterationRecord = {
    n: 0,
    eta: evOld.eta,
    v: evOld.v,
    policy: piOld,
    drift: 0,
    weightedDrift: 0,
    gap: star.value - evOld.eta,
    errorBound: evOld.errorBound,
    certificate: null,
    beta: null,
    nu: null,
    driftPerState: null,
    update: null,
  };
  iterations.push(record0);
  options.onIteration?.(record0, null);
  let stoppedBecause: MirrorRun['stoppedBecause'] = 'budget';
  let multiplierHints: readonly number[] | undefined;
  for (let n = 1; n <= budget; n++) {
    const beta = samplingDistribution(config.sampling, S, history);
    // Each update's ball multipliers start the next one's search (warm start: a few solves instead of ten).
    const step = update({ mdp, piOld, evaluation: evOld, beta, multiplierHints }, config);
    multiplierHints = step.multipliers;
    const piNew = step.piNew;
    const evNew = evaluator.evaluate(piNew);
    let drift = 0;
    let weightedDrift = 0;
    for (let s = 0; s < S; s++) {
      const d = step.driftPerState[s];
      if (d === 0) continue;
      drift += step.nu[s] * d;
      if (beta[s] > 0) weightedDrift += mdp.initial[s] * (step.nu[s] / beta[s]) * d;
    }
    const record: IterationRecord = {
      n,
      eta: evNew.eta,
      v: evNew.v,
      policy: piNew,
      drift,
      weightedDrift,
      gap: star.value - evNew.eta,
      errorBound: evNew.errorBound,
      certificate: step.certificate,
      beta,
      nu: step.nu,
      driftPerState: step.driftPerState,
      update: step,
    };
    iterations.push(record);
    options.onIteration?.(record, step);
    const unchanged = piNew.every((x, i) => x === piOld[i]);
    piOld = piNew;
    evOld = evNew;
    history.push(evNew.visitation);
    if (unchanged) {
      stoppedBecause = 'fixed-point';
      break;
    }
    if (options.stopWhen?.(record)) {
      stoppedBecause = 'stop-when';
      break;
    }
  }
  return { mdp, config, etaStar: star.value, etaStarError: star.error, iterations, stoppedBecause };
}
