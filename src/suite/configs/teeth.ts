import { canonicalDrift, type Drift } from '../../mirror/drifts/drift.js';
import { totalVariationDistance } from '../../mirror/drifts/totalVariationDistance.js';
import type { Neighbourhood } from '../../mirror/neighbourhoods/neighbourhood.js';
import type { Sampling } from '../../mirror/sampling.js';

/**
 * Deliberately invalid constructions (docs/verification.md, "Teeth"), kept apart from the valid registry: the suite must catch each of them
 * with a small counterexample. None of them declares a property it does not have (no `interiorOnly`, no `convex`
 * where it is false), so the engine and the checks treat them as a user's drift would be treated.
 */

/** c·½‖π̄ − π‖₁ with c = 10: nonnegative and zero at π, but its directional derivative at π is c·½‖v‖₁ ≠ 0. */
const tvUnsquared: Drift = canonicalDrift({
  name: 'invalid:tv-unsquared',
  convex: true,
  value: (piBar, pi, ctx) => 10 * totalVariationDistance.value(piBar, pi, ctx),
});

/** −‖π̄ − π‖²: zero derivative at π, but negative everywhere else. */
const signFlipped: Drift = canonicalDrift({
  name: 'invalid:sign-flipped',
  value(piBar, pi) {
    let d = 0;
    for (let a = 0; a < pi.length; a++) d += (piBar[a] - pi[a]) ** 2;
    return -d;
  },
});

/** 10·‖π̄ − π‖²·(‖π̄ − π‖₁ − 0.1): zero gradient at π, positive far away, negative on 0 < ‖π̄ − π‖₁ < 0.1. */
const negativeNearPi: Drift = canonicalDrift({
  name: 'invalid:negative-near-pi',
  value(piBar, pi) {
    let sq = 0;
    let l1 = 0;
    for (let a = 0; a < pi.length; a++) {
      sq += (piBar[a] - pi[a]) ** 2;
      l1 += Math.abs(piBar[a] - pi[a]);
    }
    return 10 * sq * (l1 - 0.1);
  },
});

/**
 * (½‖π̄ − π‖₁)^0.9: nonnegative, zero at π and continuous, but steeper than linear at π — the difference quotients
 * grow like ε^−0.1, so the directional derivative is +∞ rather than 0.
 */
const tvPowerBelowOne: Drift = canonicalDrift({
  name: 'invalid:tv-power-0.9',
  value: (piBar, pi, ctx) => totalVariationDistance.value(piBar, pi, ctx) ** 0.9,
});

/**
 * 50·‖π̄ − π‖² + 0.003·‖π̄ − π‖₁: a small linear term under a large quadratic. Nonnegative and zero at π, but its
 * directional derivative at π is 0.003·‖v‖₁ ≠ 0 — hidden at moderate steps, where the quadratic dominates every quotient.
 * Its update stalls wherever the advantage left is below 0.003·(ν/β): short of the optimum.
 */
const smallLinearUnderQuadratic: Drift = canonicalDrift({
  name: 'invalid:small-linear',
  convex: true,
  value(piBar, pi) {
    let sq = 0;
    let l1 = 0;
    for (let a = 0; a < pi.length; a++) {
      sq += (piBar[a] - pi[a]) ** 2;
      l1 += Math.abs(piBar[a] - pi[a]);
    }
    return 50 * sq + 0.003 * l1;
  },
});

/**
 * PPO-KL with an adaptive coefficient (Schulman et al. 2017): τ·KL(π‖π̄) with τ raised ×1.5 when the KL overshoots
 * 1.5 × its target 0.01 and lowered ÷1.5 when it undershoots target/1.5 — read as a function of (π, π̄), since the
 * target test is on the candidate's own KL. Kuba et al. 2022, Appendix D: the penalty jumps where the KL crosses those thresholds, so it is
 * discontinuous in π̄ and not a mirror-learning instance (fixed τ is).
 */
const ppoKlAdaptive: Drift = canonicalDrift({
  name: 'invalid:ppo-kl-adaptive',
  value(piBar, pi) {
    let kl = 0;
    for (let a = 0; a < pi.length; a++) {
      if (pi[a] === 0) continue;
      if (piBar[a] === 0) return Infinity;
      kl += pi[a] * (Math.log(pi[a]) - Math.log(piBar[a]));
    }
    kl = Math.max(0, kl);
    const target = 0.01;
    const tau = kl > 1.5 * target ? 1.5 : kl < target / 1.5 ? 1 / 1.5 : 1;
    return tau * kl;
  },
});

export const INVALID_DRIFTS: Readonly<Record<string, Drift>> = {
  'small-linear': smallLinearUnderQuadratic,
  'ppo-kl-adaptive': ppoKlAdaptive,
  'tv-unsquared': tvUnsquared,
  'tv-power-0.9': tvPowerBelowOne,
  'sign-flipped': signFlipped,
  'negative-near-pi': negativeNearPi,
};

/** N(π) = {π}: a per-state total-variation ball of radius 0. Contains no ball around π (Definition 2.3 fails). */
const onlyPi: Neighbourhood = {
  name: 'invalid:only-pi',
  balls: [{ kind: 'state-ball', divergence: totalVariationDistance, radius: 0 }],
};

export const INVALID_NEIGHBOURHOODS: Readonly<Record<string, Neighbourhood>> = { 'only-pi': onlyPi };

/** β(0) = 0, uniform on the other states: β must have full support. */
const betaWithZero: Sampling = {
  kind: 'custom',
  name: 'invalid:beta-zero',
  weights(S) {
    const beta = new Float64Array(S);
    for (let s = 1; s < S; s++) beta[s] = 1 / (S - 1);
    return beta;
  },
};

export const INVALID_SAMPLINGS: Readonly<Record<string, Sampling>> = { 'beta-zero': betaWithZero };
