import fc from 'fast-check';
import { mirrorUpdate } from '../../mirror/update/mirrorUpdate.js';
import { PolicyEvaluator } from '../../policy/evaluatePolicy.js';
import { policyIteration } from '../../policy/policyIteration.js';
import type { Policy } from '../../policy/policy.js';
import { checkEstimatorUnbiased, checkOffPolicyEstimatorUnbiased } from '../../verify/estimator.js';
import { checkExactIdentity } from '../../verify/identity.js';
import { checkLemma1 } from '../../verify/lemma1.js';
import { checkLemma2 } from '../../verify/lemma2.js';
import { checkPpoIdentity } from '../../verify/ppoIdentity.js';
import { driftContexts } from '../../mirror/drifts/driftContexts.js';
import { exactly, givenStep, stepBeta, updateStep } from '../../verify/step.js';
import { checkTheorem1FixedPoint } from '../../verify/theorem1.4.js';
import { checkTheorem1Improvement } from '../../verify/theorem1.1.js';
import { worstVerdict, type Verdict } from '../../verify/verdict.js';
import { caseArbitrary } from './caseArbitraries.js';
import type { Claim } from './claim.js';
import { exactOptimum } from '../../policy/exactEvaluation.js';

const always = () => true;

/** Lemma 1 on pairs that satisfy Condition 4 without being the argmax. */
export const lemma1Claim: Claim = {
  id: 'lemma-1',
  title: 'Lemma 1: Condition 4 ⇒ V_new ≥ V_old, and inf_s ΔV ≥ inf_s (ν/β)D/(1−γ)',
  reference: 'Kuba et al. 2022, Lemma 1 (Section 3.2)',
  policyNames: ['piOld', 'piNew'],
  numberNames: [],
  baseRuns: 12,
  confirmation: 'exact-evaluation',
  applies: always,
  arbitrary(entry, options) {
    // Per state: a move kind (keep, toward the exact update, toward the greedy action, toward a random row) and a step
    // θ ∈ {1, 1/2, 1/8, 2⁻¹⁰, 2⁻³⁰}. Small steps along improving directions meet Condition 4 for any drift with a
    // zero gradient; partial steps toward the update meet it for convex drifts; the rest exercise the premise check.
    const moves = fc.array(fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 4 })), { minLength: 26, maxLength: 26 });
    return fc.tuple(caseArbitrary(2, 'step', undefined, options), moves).map(([c, mv]) => {
      const { mdp } = c;
      const { numStates: S, numActions: A } = mdp;
      const [piOld, random] = c.policies;
      const ev = new PolicyEvaluator(mdp).evaluate(piOld);
      const beta = stepBeta(mdp, entry.config, ev);
      const target = mirrorUpdate({ mdp, piOld, evaluation: ev, beta }, entry.config).piNew;
      const piNew = Float64Array.from(piOld);
      for (let s = 0; s < S; s++) {
        const [kind, t] = mv[s % mv.length];
        const theta = [1, 0.5, 0.125, 2 ** -10, 2 ** -30][t];
        let toward: Float64Array;
        if (kind === 0) continue;
        if (kind === 1) toward = target.subarray(s * A, (s + 1) * A);
        else if (kind === 2) {
          let best = 0;
          for (let a = 1; a < A; a++) if (ev.advantage[s * A + a] > ev.advantage[s * A + best]) best = a;
          toward = Float64Array.from({ length: A }, (_, a) => (a === best ? 1 : 0));
        } else toward = random.subarray(s * A, (s + 1) * A);
        for (let a = 0; a < A; a++) piNew[s * A + a] = (1 - theta) * piOld[s * A + a] + theta * toward[a];
      }
      return { mdp, policies: [piOld, piNew], numbers: [] };
    });
  },
  check(entry, c, exact) {
    const step = givenStep(c.mdp, entry.config, c.policies[0], c.policies[1]);
    return checkLemma1(exact ? exactly(step) : step);
  },
};

/** A claim checked on one exact update from a generated π_old. */
export function updateClaim(
  id: string,
  title: string,
  reference: string,
  baseRuns: number,
  check: (step: ReturnType<typeof updateStep>) => Verdict,
): Claim {
  return {
    id,
    title,
    reference,
    policyNames: ['piOld'],
    numberNames: [],
    baseRuns,
    confirmation: 'exact-evaluation',
    applies: always,
    arbitrary: (_entry, options) => caseArbitrary(1, 'step', undefined, options),
    check(entry, c, exact) {
      const step = updateStep(c.mdp, entry.config, c.policies[0]);
      return check(exact ? exactly(step) : step);
    },
  };
}

export const lemma2Claim = updateClaim(
  'lemma-2',
  'Lemma 2: the mirror update satisfies Condition 4 at every state',
  'Kuba et al. 2022, Lemma 2 (Section 3.2)',
  12,
  checkLemma2,
);

export const theorem1ImprovementClaim = updateClaim(
  'theorem-1.1',
  'Theorem 1.1: η(π_new) ≥ η(π_old) + E_d[(ν/β)D], and per state V_new − V_old ≥ (ν/β)D (Eq. 14)',
  'Kuba et al. 2022, Theorem 1.1 and Eq. (14) (Section 3.2, Appendix B)',
  12,
  checkTheorem1Improvement,
);

/** Theorem 1.4 / Definition 4 from random, optimal and half-optimal policies (fixed points must be optimal). */
export const theorem1FixedPointClaim: Claim = {
  id: 'theorem-1.4',
  title: 'Theorem 1.4: a fixed point of the update is optimal; a non-optimal π has an improving edge',
  reference: 'Kuba et al. 2022, Theorem 1.4 (Section 3.2, Appendix B) and Definition 4 (Section 6)',
  policyNames: ['piOld'],
  numberNames: [],
  baseRuns: 8,
  confirmation: 'exact-evaluation',
  applies: always,
  arbitrary(_entry, options) {
    return fc.tuple(caseArbitrary(1, 'step', undefined, options), fc.nat({ max: 2 })).map(([c, mode]) => {
      if (mode === 0) return c;
      const star = policyIteration(c.mdp).policy;
      const theta = mode === 1 ? 1 : 0.5;
      return { ...c, policies: [Float64Array.from(c.policies[0], (x, i) => (1 - theta) * x + theta * star[i])] };
    });
  },
  check(entry, c, exact) {
    const step = updateStep(c.mdp, entry.config, c.policies[0]);
    const optimum = policyIteration(c.mdp);
    return exact
      ? checkTheorem1FixedPoint(exactly(step), exactOptimum(c.mdp, optimum))
      : checkTheorem1FixedPoint(step, optimum);
  },
};

/** The exact identity behind Lemma 1, for arbitrary pairs. */
export const exactIdentityClaim: Claim = {
  id: 'identity',
  title: 'Exact identity: (I − γP_π̄)(V_π̄ − V_old) = (M^π̄ V_old − V_old) + (ν/β)⊙D',
  reference: 'SPEC §2, from the proof of Lemma 1 (Kuba et al. 2022, Appendix B)',
  policyNames: ['piOld', 'piBar'],
  numberNames: [],
  baseRuns: 10,
  confirmation: 'exact-evaluation',
  applies: always,
  arbitrary: (_entry, options) => caseArbitrary(2, 'step', undefined, options),
  check(entry, c, exact) {
    const step = givenStep(c.mdp, entry.config, c.policies[0], c.policies[1]);
    return checkExactIdentity(exact ? exactly(step) : step);
  },
};

/** ε of a PPO-clip drift named `ppo:<ε>`, or null. */
export function ppoEpsilon(name: string): number | null {
  const m = /^ppo:([0-9.eE+-]+)$/.exec(name);
  return m ? Number(m[1]) : null;
}

export const ppoIdentityClaim: Claim = {
  id: 'ppo-identity',
  title: 'PPO identity: E_π[min(rA, clip(r)A)] = E_π̄[A] − D_ppo(π̄)',
  reference: 'Kuba et al. 2022, Eq. (7) (Section 4)',
  policyNames: ['piOld', 'piBar'],
  numberNames: [],
  baseRuns: 20,
  confirmation: 'exact-arithmetic',
  applies: (entry) => ppoEpsilon(entry.config.drift.name) !== null,
  arbitrary: (_entry, options) => caseArbitrary(2, 'step', undefined, options),
  check(entry, c) {
    const eps = ppoEpsilon(entry.config.drift.name)!;
    const [piOld, piBar] = c.policies;
    const A = c.mdp.numActions;
    const contexts = driftContexts(c.mdp, new PolicyEvaluator(c.mdp).evaluate(piOld));
    return worstVerdict(
      contexts.map((ctx, s) =>
        checkPpoIdentity(piBar.subarray(s * A, (s + 1) * A), piOld.subarray(s * A, (s + 1) * A), ctx, eps),
      ),
    );
  },
};

/** Mixes π̄ toward π_old when numbers[0] = 1 (keeps supp π̄ ⊆ supp π_old for interior π_old). */
function maybeMix(piOld: Policy, piBar: Policy, mode: number): Policy {
  return mode === 1 ? Float64Array.from(piBar, (x, i) => 0.5 * x + 0.5 * piOld[i]) : piBar;
}

export const estimatorClaim: Claim = {
  id: 'estimator',
  title: 'Eq. (6): the sample estimator of the mirror objective is unbiased (exact enumeration)',
  reference: 'Kuba et al. 2022, Eq. (6) (Section 3.2)',
  policyNames: ['piOld', 'piBar'],
  numberNames: [],
  baseRuns: 10,
  confirmation: 'exact-arithmetic',
  applies: always,
  arbitrary: (_entry, options) =>
    fc.tuple(caseArbitrary(2, 'step', undefined, options), fc.nat({ max: 1 })).map(([c, mode]) => ({
      ...c,
      policies: [c.policies[0], maybeMix(c.policies[0], c.policies[1], mode)],
    })),
  check(entry, c) {
    const step = givenStep(c.mdp, entry.config, c.policies[0], c.policies[0]);
    return checkEstimatorUnbiased(step, c.policies[1]);
  },
};

export const offPolicyEstimatorClaim: Claim = {
  id: 'off-policy-estimator',
  title: 'Appendix E: the off-policy estimator (π̄/π_hist)·Q has mean E_π̄[Q] (exact enumeration)',
  reference: 'Kuba et al. 2022, Appendix E',
  policyNames: ['piOld', 'piBar', 'piHist1', 'piHist2'],
  numberNames: ['h1', 'h2'],
  baseRuns: 6,
  confirmation: 'exact-arithmetic',
  applies: always,
  arbitrary: (_entry, options) =>
    caseArbitrary(4, 'step', fc.tuple(fc.integer({ min: 1, max: 4 }), fc.nat({ max: 4 })), options).map((c) => {
      const [piOld, piBar, h1, h2] = c.policies;
      // Past policies mixed with π_old keep its support; π̄ mixed with π_old too half the time.
      const mixHist = (p: Policy) => Float64Array.from(p, (x, i) => 0.5 * x + 0.5 * piOld[i]);
      return { ...c, policies: [piOld, maybeMix(piOld, piBar, c.numbers[1] % 2), mixHist(h1), mixHist(h2)] };
    }),
  check(entry, c) {
    const [piOld, piBar, h1, h2] = c.policies;
    const ev = new PolicyEvaluator(c.mdp).evaluate(piOld);
    const h = Float64Array.from([c.numbers[0], c.numbers[1]]);
    return checkOffPolicyEstimatorUnbiased(ev.q, c.mdp.numActions, piBar, [h1, h2], h);
  },
};
