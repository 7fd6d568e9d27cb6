import { checkSamplingAxioms } from '../../verify/sampling.js';
import { caseArbitrary } from './caseArbitraries.js';
import { defineClaim } from './claim.js';
import { entryOf } from './claimCase.js';

/** The sampling distribution's hypotheses at a generated π and along π → π'. */
export const samplingClaim = defineClaim({
  id: 'sampling',
  title: 'Sampling distribution: β_π(s) > 0 for every s, continuous in π',
  reference: 'Kuba et al. 2022, Section 3.1 (the sampling distribution)',
  policyNames: ['pi', 'other'],
  numberNames: [],
  baseRuns: 6,
  minMeaningful: 1,
  confirmation: 'certified-bounds',
  scope: 'configuration',
  applies: () => true,
  arbitrary: (_entry, options) => caseArbitrary(2, 'step', undefined, options),
  evaluate(registered, c) {
    const entry = entryOf(registered, c);
    const verdict = checkSamplingAxioms(c.mdp, entry.config.sampling, c.policies[0], c.policies[1]);
    return { verdict, meaningful: verdict.status !== 'outside' };
  },
});
