import fc from 'fast-check';
import { mirrorLearning } from '../../mirror/mirrorLearning.js';
import type { Verdict } from '../../verify/verdict.js';
import type { RegisteredConfig } from '../configs/configSpec.js';
import { exactly, updateStep, type Step } from '../../verify/step.js';
import { caseArbitrary } from './caseArbitraries.js';
import { defineClaim, type Claim, type ClaimCase } from './claim.js';
import { decisionMdp, entryOf, moved } from './claimCase.js';

/**
 * Warm-up iterations drawn for a step claim (`numbers[0]`): none most of the time, else 1, 2 or 5 steps of the
 * configuration's own mirror learning from the drawn policy — so π_old is also an iterate of a real run (entries
 * down to 1e-300 near convergence) and an off-policy β averages a real history.
 */
export const warmupArbitrary: fc.Arbitrary<number[]> = fc
  .oneof({ arbitrary: fc.constant(0), weight: 4 }, { arbitrary: fc.constantFrom(1, 2, 5), weight: 2 })
  .map((k) => [k]);

/**
 * The step of a case's exact update, by the entry's engine (evaluated exactly for confirmation): from the drawn
 * π_0 after `numbers[0]` warm-up iterations of mirror learning, with the run's visitation history for β.
 */
export function caseStep(registered: RegisteredConfig, c: ClaimCase, exact?: boolean): Step {
  const entry = entryOf(registered, c);
  const warmup = Math.max(0, Math.floor(c.numbers[0] ?? 0));
  let piOld = c.policies[0];
  let history: Float64Array[] | undefined;
  if (warmup > 0) {
    const evaluator = entry.engine.evaluator(c.mdp);
    const run = mirrorLearning(c.mdp, entry.config, {
      iterations: warmup,
      initialPolicy: piOld,
      etaStar: { value: NaN, error: NaN },
      update: entry.engine.update,
      evaluator,
    });
    piOld = run.iterations[run.iterations.length - 1].policy;
    history = run.iterations.map((rec) => evaluator.evaluate(rec.policy).visitation);
  }
  const step = updateStep(c.mdp, entry.config, piOld, entry.engine, history);
  return exact ? exactly(step) : step;
}

/**
 * A claim checked on one exact update from a generated π_old. Meaningful: a decision MDP, inside the hypotheses, and
 * an update that moved (a claim about a move cannot fail when nothing moved).
 */
export function updateClaim(
  id: string,
  title: string,
  reference: string,
  baseRuns: number,
  check: (step: Step) => Verdict,
): Claim {
  return defineClaim({
    id,
    title,
    reference,
    // π_old as drawn, before the warm-up steps (the name committed reports use).
    policyNames: ['piOld'],
    numberNames: ['warmup'],
    numberDefaults: { warmup: 0 },
    baseRuns,
    minMeaningful: 1,
    confirmation: 'exact-evaluation',
    scope: 'configuration',
    applies: () => true,
    arbitrary: (_entry, options) => caseArbitrary(1, 'step', warmupArbitrary, options),
    evaluate(registered, c, exact) {
      const step = caseStep(registered, c, exact);
      const verdict = check(step);
      return {
        verdict,
        meaningful: decisionMdp(c.mdp) && verdict.status !== 'outside' && moved(step.piOld, step.piNew),
      };
    },
  });
}
