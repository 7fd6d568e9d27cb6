import { membershipContext } from '../../mirror/neighbourhoods/membership.js';
import { checkNeighbourhoodAxioms } from '../../verify/definition2.js';
import { updateStep } from '../../verify/step.js';
import { caseArbitrary } from './caseArbitraries.js';
import { defineClaim } from './claim.js';
import { entryOf } from './claimCase.js';

/** Definition 2 at a generated π: a ball inside N(π) along two directions; reverting a state keeps a member inside. */
export const definition2Claim = defineClaim({
  id: 'definition-2',
  title: 'Definition 2: N(π) contains a ball around π, and reverting one state to π stays in N(π)',
  reference: 'Kuba et al. 2022, Definition 2 (Section 3.1) and Appendix A',
  policyNames: ['pi', 'target1', 'target2'],
  numberNames: [],
  baseRuns: 8,
  minMeaningful: 1,
  confirmation: 'certified-bounds',
  scope: 'configuration',
  applies: () => true,
  arbitrary: (_entry, options) => caseArbitrary(3, 'step', undefined, { ...options, minActions: 2 }),
  evaluate(registered, c) {
    const entry = entryOf(registered, c);
    const { mdp } = c;
    const [pi, ...targets] = c.policies;
    const step = updateStep(mdp, entry.config, pi, entry.engine);
    const m = membershipContext(mdp, entry.config.drift, step.evOld, step.beta);
    const verdict = checkNeighbourhoodAxioms(entry.config.neighbourhood, pi, targets, [step.piNew], m);
    return { verdict, meaningful: mdp.numActions >= 2 && verdict.status !== 'outside' };
  },
});
