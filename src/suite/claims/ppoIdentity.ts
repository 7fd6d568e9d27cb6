import fc from 'fast-check';
import { driftContexts } from '../../mirror/drifts/driftContexts.js';
import { checkPpoIdentity } from '../../verify/ppoIdentity.js';
import { worstVerdict } from '../../verify/verdict.js';
import { caseArbitrary } from './caseArbitraries.js';
import { defineClaim } from './claim.js';
import { evaluation, moved } from './claimCase.js';

/** ε of a PPO-clip drift named `ppo:<ε>`, or null. */
export function ppoEpsilon(name: string): number | null {
  const m = /^ppo:([0-9.eE+-]+)$/.exec(name);
  return m ? Number(m[1]) : null;
}

/** Clip ranges drawn: the paper's 0.2 and two others, and 2⁻³ (exact in binary). */
const EPSILONS = [0.2, 0.1, 0.3, 0.125];

/**
 * Eq. (7) at every state of a pair (π_old, π̄), exactly: algebra that depends on the clip ε only, so it runs once with ε
 * drawn per case (or the configuration's, for a PPO configuration).
 */
export const ppoIdentityClaim = defineClaim({
  id: 'ppo-identity',
  title: 'PPO identity: E_π[min(rA, clip(r)A)] = E_π̄[A] − D_ppo(π̄)',
  reference: 'Kuba et al. 2022, Eq. (7) (Section 4)',
  policyNames: ['piOld', 'piBar'],
  numberNames: ['epsilon'],
  baseRuns: 200,
  minMeaningful: 1,
  confirmation: 'exact-arithmetic',
  scope: 'once',
  applies: () => true,
  arbitrary: (_entry, options) =>
    caseArbitrary(
      2,
      'step',
      fc.constantFrom(...EPSILONS).map((e) => [e]),
      options,
    ),
  evaluate(entry, c) {
    const eps = ppoEpsilon(entry.config.drift.name) ?? c.numbers[0] ?? 0.2;
    const [piOld, piBar] = c.policies;
    const A = c.mdp.numActions;
    const contexts = driftContexts(c.mdp, evaluation(entry, c.mdp)(piOld));
    const verdict = worstVerdict(
      contexts.map((ctx, s) =>
        checkPpoIdentity(piBar.subarray(s * A, (s + 1) * A), piOld.subarray(s * A, (s + 1) * A), ctx, eps),
      ),
    );
    return { verdict, meaningful: verdict.status !== 'outside' && moved(piOld, piBar) };
  },
});
