import { checkExactIdentity } from '../../verify/identity.js';
import { exactly, givenStep } from '../../verify/step.js';
import { caseArbitrary } from './caseArbitraries.js';
import { defineClaim } from './claim.js';
import { entryOf, moved } from './claimCase.js';

/**
 * The exact identity behind Lemma 1 for arbitrary pairs: it holds for any drift (the drift term cancels), so it tests
 * the evaluation engine and runs once, not per configuration.
 */
export const identityClaim = defineClaim({
  id: 'identity',
  title: 'Exact identity: (I − γP_π̄)(V_π̄ − V_old) = (M^π̄ V_old − V_old) + (ν/β)⊙D',
  reference: 'From the proof of Lemma 1 (Kuba et al. 2022, Appendix B)',
  policyNames: ['piOld', 'piBar'],
  numberNames: [],
  baseRuns: 200,
  minMeaningful: 1,
  confirmation: 'exact-evaluation',
  scope: 'once',
  applies: () => true,
  arbitrary: (_entry, options) => caseArbitrary(2, 'step', undefined, options),
  evaluate(registered, c, exact) {
    const entry = entryOf(registered, c);
    const step = givenStep(c.mdp, entry.config, c.policies[0], c.policies[1], entry.engine);
    const verdict = checkExactIdentity(exact ? exactly(step) : step);
    return { verdict, meaningful: verdict.status !== 'outside' && moved(c.policies[0], c.policies[1]) };
  },
});
