import { inNeighbourhood, membershipContext } from '../../mirror/neighbourhoods/membership.js';
import { trivialNeighbourhood } from '../../mirror/neighbourhoods/neighbourhood.js';
import { greedy } from '../../mirror/simplex/greedy.js';
import type { Policy } from '../../policy/policy.js';
import type { Step } from '../../verify/step.js';
import { checkUpdateOptimality } from '../../verify/updateOptimality.js';
import { caseArbitrary } from './caseArbitraries.js';
import { defineClaim } from './claim.js';
import { decisionMdp } from './claimCase.js';
import { caseStep, warmupArbitrary } from './updateClaim.js';

/** Steps θ of the candidate moves. */
const THETAS = [1, 0.5, 2 ** -4, 2 ** -10, 2 ** -20];

/** x + θ(y − x). */
function toward(x: Policy, y: Policy, theta: number): Policy {
  return Float64Array.from(x, (v, i) => (1 - theta) * v + theta * y[i]);
}

/**
 * Candidates for the argmax of Eq. (5) that a correct update must beat: π_old; steps from π_new and from π_old toward
 * the greedy policy of Q_old; steps toward the update under the trivial neighbourhood (the unconstrained optimum) and
 * toward the case's random policies, each pulled back toward π_old by halving until it is feasible; π_new's moves of
 * Definition 2's size (2⁻²⁰, 2⁻⁴⁰ of the way to a random policy).
 */
export function optimalityCandidates(step: Step, random: readonly Policy[]): Policy[] {
  const { mdp, config, engine, piOld, evOld, beta, piNew } = step;
  const { numStates: S, numActions: A } = mdp;
  const greedyPolicy = new Float64Array(S * A);
  for (let s = 0; s < S; s++) {
    greedy(
      evOld.q.subarray(s * A, (s + 1) * A),
      greedyPolicy.subarray(s * A, (s + 1) * A),
      piOld.subarray(s * A, (s + 1) * A),
    );
  }
  const membership = membershipContext(mdp, config.drift, evOld, beta);
  const inside = (p: Policy) => inNeighbourhood(config.neighbourhood, p, piOld, membership);
  /** The largest of θ = 1, ½, ¼, … (down to 2⁻⁴⁰) with π_old + θ(target − π_old) feasible. */
  const pulledBack = (target: Policy): Policy | null => {
    for (let k = 0; k <= 40; k++) {
      const p = toward(piOld, target, 2 ** -k);
      if (inside(p)) return p;
    }
    return null;
  };
  const unconstrained =
    config.neighbourhood.balls.length === 0
      ? piNew
      : engine.update({ mdp, piOld, evaluation: evOld, beta }, { ...config, neighbourhood: trivialNeighbourhood })
          .piNew;
  const out: Policy[] = [piOld];
  for (const theta of THETAS) {
    out.push(
      toward(piNew, greedyPolicy, theta),
      toward(piOld, greedyPolicy, theta),
      toward(piNew, unconstrained, theta),
    );
  }
  for (const target of [unconstrained, greedyPolicy, ...random]) {
    const p = pulledBack(target);
    if (p) out.push(p);
  }
  for (const r of random) out.push(toward(piNew, r, 2 ** -20), toward(piNew, r, 2 ** -40));
  return out;
}

/** The update is at least as good as every feasible candidate one can build (per state where the problem separates). */
export const updateOptimalityClaim = defineClaim({
  id: 'update-optimality',
  title: 'Definition 3: the update is the argmax of Eq. (5) — no feasible candidate beats it beyond its certified gap',
  reference: 'Kuba et al. 2022, Definition 3 and Eq. (5) (Section 3.2)',
  policyNames: ['pi0', 'random1', 'random2'],
  numberNames: ['warmup'],
  numberDefaults: { warmup: 0 },
  baseRuns: 8,
  minMeaningful: 1,
  confirmation: 'exact-evaluation',
  scope: 'configuration',
  applies: () => true,
  arbitrary: (_entry, options) => caseArbitrary(3, 'step', warmupArbitrary, options),
  evaluate(registered, c, exact) {
    const step = caseStep(registered, c, exact);
    const verdict = checkUpdateOptimality(step, optimalityCandidates(step, c.policies.slice(1)));
    return { verdict, meaningful: decisionMdp(c.mdp) && verdict.status !== 'outside' };
  },
});
