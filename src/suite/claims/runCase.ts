import fc from 'fast-check';
import { mirrorLearning, type MirrorRun } from '../../mirror/mirrorLearning.js';
import type { PolicyEvaluation } from '../../policy/evaluatePolicy.js';
import { exactOptimum } from '../../policy/exactEvaluation.js';
import type { Policy } from '../../policy/policy.js';
import { policyIteration, type OptimalSolution } from '../../policy/policyIteration.js';
import type { Engine } from '../../verify/step.js';
import type { Verdict } from '../../verify/verdict.js';
import type { RegisteredConfig } from '../configs/configSpec.js';
import { caseArbitrary } from './caseArbitraries.js';
import { defineClaim, type Claim, type ClaimCase } from './claim.js';
import { decisionMdp, entryOf, evaluation } from './claimCase.js';

/** Iterations of each generated run (the drift gate's: 8). */
export const RUN_ITERATIONS = 20;
export const GATE_RUN_ITERATIONS = 8;

/** Whether the configuration's drift or one of its balls meets Definitions 1–2 only at full-support policies. */
function interiorOnly(entry: RegisteredConfig): boolean {
  const { drift, neighbourhood } = entry.config;
  return (
    Boolean(drift.interiorOnly) ||
    neighbourhood.balls.some((b) => b.divergence !== 'drift' && b.divergence.interiorOnly)
  );
}

/** ½π + ½·uniform (full support). */
export function towardUniform(pi: Float64Array, A: number): Float64Array {
  return Float64Array.from(pi, (x) => 0.5 * x + 0.5 / A);
}

/** A run's check: the run, the certified optimum, how to evaluate its iterates, and the engine. */
export type RunCheck = (
  run: MirrorRun,
  optimum: OptimalSolution,
  evaluate: (pi: Policy) => PolicyEvaluation,
  engine: Engine,
) => Verdict;

/**
 * A mirror-learning run from the case's π_0 with its iteration budget, by the entry's engine, and the certified optimum;
 * for confirmation (`exact`) every iterate and π* are re-evaluated in rational arithmetic (the iterates unchanged).
 */
export function caseRun(
  entry: RegisteredConfig,
  c: ClaimCase,
  exact = false,
): { run: MirrorRun; optimum: OptimalSolution; evaluate: (pi: Policy) => PolicyEvaluation } {
  const optimum = policyIteration(c.mdp);
  const evaluator = entry.engine.evaluator(c.mdp);
  const run = mirrorLearning(c.mdp, entry.config, {
    iterations: c.numbers[0] ?? RUN_ITERATIONS,
    initialPolicy: c.policies[0],
    etaStar: { value: optimum.etaStar, error: optimum.errorBound.eta },
    update: entry.engine.update,
    evaluator,
  });
  const evaluate = evaluation(entry, c.mdp, exact);
  if (!exact) return { run, optimum, evaluate };
  const iterations = run.iterations.map((rec) => {
    const e = evaluate(rec.policy);
    return { ...rec, v: e.v, eta: e.eta, errorBound: e.errorBound };
  });
  return { run: { ...run, iterations }, optimum: exactOptimum(c.mdp, optimum), evaluate };
}

/**
 * A claim checked along a mirror-learning run from a generated π_0 (interior-only configurations start half-way to
 * uniform, inside their hypotheses: decided in `evaluate`, where the case's configuration is known). Meaningful: a decision MDP, inside the hypotheses, and a run that moved.
 */
export function runClaim(id: string, title: string, reference: string, baseRuns: number, check: RunCheck): Claim {
  return defineClaim({
    id,
    title,
    reference,
    policyNames: ['pi0'],
    numberNames: ['iterations'],
    baseRuns,
    minMeaningful: 1,
    confirmation: 'exact-evaluation',
    scope: 'configuration',
    applies: () => true,
    arbitrary: (registered, options) =>
      caseArbitrary(1, 'run', fc.constant([options?.small ? GATE_RUN_ITERATIONS : RUN_ITERATIONS]), options).map((c) =>
        interiorOnly(entryOf(registered, c)) ? { ...c, policies: [towardUniform(c.policies[0], c.mdp.numActions)] } : c,
      ),
    evaluate(registered, c, exact) {
      const entry = entryOf(registered, c);
      const { run, optimum, evaluate } = caseRun(entry, c, exact);
      const verdict = check(run, optimum, evaluate, entry.engine);
      const movedOnce = run.iterations.length > 2 || run.stoppedBecause !== 'fixed-point';
      return { verdict, meaningful: decisionMdp(c.mdp) && verdict.status !== 'outside' && movedOnce };
    },
  });
}
