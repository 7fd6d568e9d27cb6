import fc from 'fast-check';
import { DRIFT_TRANSFORMS } from '../../mirror/drifts/combinators.js';
import { driftArbitrary } from '../../mirror/drifts/driftArbitrary.js';
import { neighbourhoodArbitrary } from '../../mirror/neighbourhoods/neighbourhoodArbitrary.js';
import { resolveConfig, type ConfigSpec, type RegisteredConfig } from './configSpec.js';

/**
 * The entry under which every claim also runs on random constructions: each case draws its own drift (a built-in,
 * or a nonnegative combination, scale, monotone transform or state-dependent scale of them), neighbourhood (trivial or
 * an intersection of up to two expected or per-state balls), sampling and ν, recorded in the case as a spec
 * (`ClaimCase.spec`) that `resolveConfig` rebuilds — so a counterexample shrinks toward the simplest construction as
 * well as the smallest MDP, and its report replays.
 */
export const RANDOM_ENTRY: RegisteredConfig = {
  ...resolveConfig({}),
  label: 'random construction',
  spec: { construction: 'random' },
};

/** Whether an entry stands for random constructions. */
export function isRandomEntry(entry: RegisteredConfig): boolean {
  return entry.spec.construction === 'random';
}

/**
 * Transforms f(D) that keep the per-state problem concave (f convex and nondecreasing on D ≥ 0). log1p, satexp and
 * satfrac give valid drifts too (`drifts.test.ts` checks Definition 1 on them), but φ = ⟨p, g⟩ − f(D) is then not
 * concave, the generic solver is a local ascent, and update-optimality showed it returning a local optimum a feasible
 * row beats by 7e-4 (log1p(50·kl) in a Hellinger state ball): the theorems would be checked against an update that is
 * not Definition 3's argmax. They stay out of the theorem claims until the engine has a global solver for them.
 */
const CONCAVE_TRANSFORMS = DRIFT_TRANSFORMS.filter((t) => t.convexNondecreasing);

/** Random configurations as specs: drift × neighbourhood × sampling × ν, each pairing Theorem 1 allows. */
export function constructionArbitrary(): fc.Arbitrary<ConfigSpec> {
  return fc.record({
    drift: driftArbitrary(2, CONCAVE_TRANSFORMS).map((d) => d.name),
    neighbourhood: neighbourhoodArbitrary(1).map((n) => n.name),
    sampling: fc.constantFrom('uniform', 'visitation', 'off-policy'),
    nu: fc.constantFrom('sampling', 'visitation'),
  });
}
