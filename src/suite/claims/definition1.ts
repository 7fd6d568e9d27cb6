import { driftContexts } from '../../mirror/drifts/driftContexts.js';
import { checkDriftAxioms } from '../../verify/definition1.js';
import { worstVerdict } from '../../verify/verdict.js';
import { caseArbitrary } from './caseArbitraries.js';
import { defineClaim } from './claim.js';
import { entryOf, evaluation } from './claimCase.js';

/** Definition 1 at every state of a generated π, toward every vertex and three targets (contexts from real advantages). */
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
    const contexts = driftContexts(mdp, evaluation(entry, mdp)(pi));
    const verdict = worstVerdict(
      contexts.map((ctx, s) =>
        checkDriftAxioms(entry.config.drift, {
          pi: pi.subarray(s * A, (s + 1) * A),
          ctx,
          targets: targets.map((t) => t.subarray(s * A, (s + 1) * A)),
        }),
      ),
    );
    return { verdict, meaningful: A >= 2 && verdict.status !== 'outside' };
  },
});
