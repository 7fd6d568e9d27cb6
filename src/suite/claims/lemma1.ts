import fc from 'fast-check';
import { checkLemma1 } from '../../verify/lemma1.js';
import { exactly, givenStep, stepBeta } from '../../verify/step.js';
import { caseArbitrary } from './caseArbitraries.js';
import { defineClaim } from './claim.js';
import { decisionMdp, entryOf, evaluation, moved } from './claimCase.js';

/** θ of the per-state partial moves of Lemma 1's pairs. */
const THETAS = [1, 0.5, 0.125, 2 ** -10, 2 ** -30];

/** Lemma 1 on pairs that satisfy Condition 4 without being the argmax. */
export const lemma1Claim = defineClaim({
  id: 'lemma-1',
  title: 'Lemma 1: Condition 4 ⇒ V_new ≥ V_old, and inf_s ΔV ≥ inf_s (ν/β)D/(1−γ)',
  reference: 'Kuba et al. 2022, Lemma 1 (Section 3.2)',
  policyNames: ['piOld', 'piNew'],
  numberNames: [],
  baseRuns: 12,
  minMeaningful: 1,
  confirmation: 'exact-evaluation',
  scope: 'configuration',
  applies: () => true,
  arbitrary(registered, options) {
    // Per state: a move kind (keep, toward the exact update, toward the greedy action, toward a random row) and a step
    // θ ∈ {1, 1/2, 1/8, 2⁻¹⁰, 2⁻³⁰}. Small steps along improving directions meet Condition 4 for any drift with a
    // zero gradient; partial steps toward the update meet it for convex drifts; the rest exercise the premise check.
    const moves = fc.array(fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 4 })), { minLength: 26, maxLength: 26 });
    return fc.tuple(caseArbitrary(2, 'step', undefined, options), moves).map(([c, mv]) => {
      const entry = entryOf(registered, c);
      const { mdp } = c;
      const { numStates: S, numActions: A } = mdp;
      const [piOld, random] = c.policies;
      const ev = evaluation(entry, mdp)(piOld);
      const beta = stepBeta(mdp, entry.config, ev);
      const target = entry.engine.update({ mdp, piOld, evaluation: ev, beta }, entry.config).piNew;
      const piNew = Float64Array.from(piOld);
      for (let s = 0; s < S; s++) {
        const [kind, t] = mv[s % mv.length];
        if (kind === 0) continue;
        let toward: Float64Array;
        if (kind === 1) toward = target.subarray(s * A, (s + 1) * A);
        else if (kind === 2) {
          let best = 0;
          for (let a = 1; a < A; a++) if (ev.advantage[s * A + a] > ev.advantage[s * A + best]) best = a;
          toward = Float64Array.from({ length: A }, (_, a) => (a === best ? 1 : 0));
        } else toward = random.subarray(s * A, (s + 1) * A);
        for (let a = 0; a < A; a++) piNew[s * A + a] = (1 - THETAS[t]) * piOld[s * A + a] + THETAS[t] * toward[a];
      }
      return { ...c, policies: [piOld, piNew] };
    });
  },
  evaluate(registered, c, exact) {
    const entry = entryOf(registered, c);
    const step = givenStep(c.mdp, entry.config, c.policies[0], c.policies[1], entry.engine);
    const verdict = checkLemma1(exact ? exactly(step) : step);
    return {
      verdict,
      meaningful: decisionMdp(c.mdp) && verdict.status !== 'outside' && moved(c.policies[0], c.policies[1]),
    };
  },
});
