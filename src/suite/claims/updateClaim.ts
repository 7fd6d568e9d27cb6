import type { Verdict } from '../../verify/verdict.js';
import { exactly, updateStep, type Step } from '../../verify/step.js';
import { caseArbitrary } from './caseArbitraries.js';
import { defineClaim, type Claim } from './claim.js';
import { decisionMdp, entryOf, moved } from './claimCase.js';

/** The step of a case's exact update from its π_old, by the entry's engine (evaluated exactly for confirmation). */
export function caseStep(
  registered: Parameters<Claim['evaluate']>[0],
  c: Parameters<Claim['evaluate']>[1],
  exact?: boolean,
): Step {
  const entry = entryOf(registered, c);
  const step = updateStep(c.mdp, entry.config, c.policies[0], entry.engine);
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
    policyNames: ['piOld'],
    numberNames: [],
    baseRuns,
    minMeaningful: 1,
    confirmation: 'exact-evaluation',
    scope: 'configuration',
    applies: () => true,
    arbitrary: (_entry, options) => caseArbitrary(1, 'step', undefined, options),
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
