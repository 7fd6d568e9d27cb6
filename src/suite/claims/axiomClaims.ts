import { driftContexts } from '../../mirror/drifts/driftContexts.js';
import { PolicyEvaluator } from '../../policy/evaluatePolicy.js';
import { checkDriftAxioms } from '../../verify/definition1.js';
import { checkNeighbourhoodAxioms, membershipContext } from '../../verify/definition2.js';
import { checkSamplingAxioms } from '../../verify/sampling.js';
import { stepBeta, updateStep } from '../../verify/step.js';
import { worstVerdict } from '../../verify/verdict.js';
import { caseArbitrary } from './caseArbitraries.js';
import type { Claim } from './claim.js';

export const definition1Claim: Claim = {
  id: 'definition-1',
  title: 'Definition 1: the drift is ≥ 0, zero at π, has zero Gâteaux derivatives at π, and is continuous',
  reference: 'Kuba et al. 2022, Definition 1 (Section 3.1)',
  policyNames: ['pi', 'target1', 'target2', 'target3'],
  numberNames: [],
  baseRuns: 10,
  confirmation: 'certified-bounds',
  applies: () => true,
  arbitrary: (_entry, options) => caseArbitrary(4, 'step', undefined, { ...options, minActions: 2 }),
  check(entry, c) {
    const { mdp } = c;
    const A = mdp.numActions;
    const [pi, ...targets] = c.policies;
    const contexts = driftContexts(mdp, new PolicyEvaluator(mdp).evaluate(pi));
    return worstVerdict(
      contexts.map((ctx, s) =>
        checkDriftAxioms(entry.config.drift, {
          pi: pi.subarray(s * A, (s + 1) * A),
          ctx,
          targets: targets.map((t) => t.subarray(s * A, (s + 1) * A)),
        }),
      ),
    );
  },
};

export const definition2Claim: Claim = {
  id: 'definition-2',
  title: 'Definition 2: N(π) contains a ball around π, and reverting one state to π stays in N(π)',
  reference: 'Kuba et al. 2022, Definition 2 (Section 3.1) and Appendix A',
  policyNames: ['pi', 'target1', 'target2'],
  numberNames: [],
  baseRuns: 8,
  confirmation: 'certified-bounds',
  applies: () => true,
  arbitrary: (_entry, options) => caseArbitrary(3, 'step', undefined, { ...options, minActions: 2 }),
  check(entry, c) {
    const { mdp } = c;
    const [pi, ...targets] = c.policies;
    const step = updateStep(mdp, entry.config, pi);
    const m = membershipContext(mdp, entry.config.drift, step.evOld, stepBeta(mdp, entry.config, step.evOld));
    return checkNeighbourhoodAxioms(entry.config.neighbourhood, pi, targets, [step.piNew], m);
  },
};

export const samplingClaim: Claim = {
  id: 'sampling',
  title: 'Sampling distribution: β_π(s) > 0 for every s, continuous in π',
  reference: 'Kuba et al. 2022, Section 3.1 (the sampling distribution)',
  policyNames: ['pi', 'other'],
  numberNames: [],
  baseRuns: 6,
  confirmation: 'certified-bounds',
  applies: () => true,
  arbitrary: (_entry, options) => caseArbitrary(2, 'step', undefined, options),
  check: (entry, c) => checkSamplingAxioms(c.mdp, entry.config.sampling, c.policies[0], c.policies[1]),
};
