import { driftContexts } from '../../mirror/drifts/driftContexts.js';
import { checkDriftAxioms } from '../../verify/definition1.js';
import type { Policy } from '../../policy/policy.js';
import { worstVerdict } from '../../verify/verdict.js';
import { caseArbitrary } from './caseArbitraries.js';
import { defineClaim } from './claim.js';
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
 * Definition 1 at every state of a generated π and of its boundary variants, toward every vertex and three targets
 * (contexts from real advantages).
 */
export const definition1Claim = defineClaim({
  id: 'definition-1',
  title: 'Definition 1: the drift is ≥ 0, zero at π, has zero Gâteaux derivatives at π, and is continuous',
  reference: 'Kuba et al. 2022, Definition 1 (Section 3.1)',
  policyNames: ['pi', 'target1', 'target2', 'target3'],
  numberNames: [],
  baseRuns: 10,
  minMeaningful: 1,
  confirmation: 'certified-bounds',
  scope: 'configuration',
  applies: () => true,
  arbitrary: (_entry, options) => caseArbitrary(4, 'step', undefined, { ...options, minActions: 2 }),
  evaluate(registered, c) {
    const entry = entryOf(registered, c);
    const { mdp } = c;
    const A = mdp.numActions;
    const [pi, ...targets] = c.policies;
    const evaluate = evaluation(entry, mdp);
    const verdict = worstVerdict(
      [pi, ...boundaryVariants(pi, A)].flatMap((at) =>
        driftContexts(mdp, evaluate(at)).map((ctx, s) =>
          checkDriftAxioms(entry.config.drift, {
            pi: at.subarray(s * A, (s + 1) * A),
            ctx,
            targets: targets.map((t) => t.subarray(s * A, (s + 1) * A)),
          }),
        ),
      ),
    );
    return { verdict, meaningful: A >= 2 && verdict.status !== 'outside' };
  },
});
