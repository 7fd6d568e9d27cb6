import { driftContexts } from '../../mirror/drifts/driftContexts.js';
import { checkDriftAxioms } from '../../verify/definition1.js';
import type { Policy } from '../../policy/policy.js';
import { worstVerdict } from '../../verify/verdict.js';
import { caseArbitrary } from './caseArbitraries.js';
import { mirrorLearning } from '../../mirror/mirrorLearning.js';
import type { RegisteredConfig } from '../configs/configSpec.js';
import { defineClaim, type ClaimCase } from './claim.js';
import { warmupArbitrary } from './updateClaim.js';
import { entryOf, evaluation } from './claimCase.js';

/**
 * π with a zero in every row (its least likely action's mass moved to the most likely) and π's greedy vertex: every
 * case also looks at the boundary, where interior-only drifts (KL, Hellinger, χ²) fail and other drifts must not.
 */
export function boundaryVariants(pi: Policy, A: number): Policy[] {
  if (A < 2) return [];
  const zeroed = Float64Array.from(pi);
  const vertex = new Float64Array(pi.length);
  for (let s = 0; s < pi.length / A; s++) {
    let lo = 0;
    let hi = 0;
    for (let a = 1; a < A; a++) {
      if (pi[s * A + a] < pi[s * A + lo]) lo = a;
      if (pi[s * A + a] > pi[s * A + hi]) hi = a;
    }
    if (lo === hi) hi = (lo + 1) % A;
    zeroed[s * A + hi] += zeroed[s * A + lo];
    zeroed[s * A + lo] = 0;
    vertex[s * A + hi] = 1;
  }
  return [zeroed, vertex];
}

/**
 * The last iterate of `numbers[0]` steps of the configuration's mirror learning from π (none for larger MDPs, where
 * a user's drift has only the slow generic solver): Definition 1 is also checked where the drift's own runs go.
 */
function iterates(entry: RegisteredConfig, c: ClaimCase): Policy[] {
  const warmup = c.numbers[0] ?? 0;
  if (!(warmup > 0) || c.mdp.numStates > 6) return [];
  const run = mirrorLearning(c.mdp, entry.config, {
    iterations: warmup,
    initialPolicy: c.policies[0],
    etaStar: { value: NaN, error: NaN },
    update: entry.engine.update,
    evaluator: entry.engine.evaluator(c.mdp),
  });
  return [run.iterations[run.iterations.length - 1].policy];
}

/**
 * Definition 1 at every state of a generated π, of its boundary variants and of an iterate of a run from it, toward every vertex and three targets
 * (contexts from real advantages).
 */
export const definition1Claim = defineClaim({
  id: 'definition-1',
  title: 'Definition 1: the drift is ≥ 0, zero at π, has zero Gâteaux derivatives at π, and is continuous',
  reference: 'Kuba et al. 2022, Definition 1 (Section 3.1)',
  policyNames: ['pi', 'target1', 'target2', 'target3'],
  numberNames: ['warmup'],
  numberDefaults: { warmup: 0 },
  baseRuns: 10,
  minMeaningful: 1,
  confirmation: 'certified-bounds',
  scope: 'configuration',
  applies: () => true,
  // Full-size MDPs even in the gate (the axioms need no solver): every state of up to 12-state MDPs and GridWorld.
  arbitrary: (_entry, options) =>
    caseArbitrary(4, 'step', warmupArbitrary, { ...options, small: false, minActions: 2 }),
  evaluate(registered, c) {
    const entry = entryOf(registered, c);
    const { mdp } = c;
    const A = mdp.numActions;
    const [pi, ...targets] = c.policies;
    const evaluate = evaluation(entry, mdp);
    // Where: `at` 0 is π, 1–2 its boundary variants, 3 the run's iterate.
    const points = [pi, ...boundaryVariants(pi, A), ...iterates(entry, c)];
    const verdict = worstVerdict(
      points.flatMap((at, index) =>
        driftContexts(mdp, evaluate(at)).map((ctx, s) => {
          const v = checkDriftAxioms(entry.config.drift, {
            pi: at.subarray(s * A, (s + 1) * A),
            ctx,
            targets: targets.map((t) => t.subarray(s * A, (s + 1) * A)),
          });
          return { ...v, where: { at: index, ...v.where } };
        }),
      ),
    );
    return { verdict, meaningful: A >= 2 && verdict.status !== 'outside' };
  },
});
