import fc from 'fast-check';
import type { Mdp } from '../mdp.js';
import { mdpArbitrary, type MdpArbitraryOptions } from './mdpArbitrary.js';
import { policyDrawArbitrary, policyFromWeights } from './policyArbitrary.js';

/** An MDP with `count` policies on it. */
export interface MdpWithPolicies {
  mdp: Mdp;
  policies: Float64Array[];
}

/**
 * An MDP and `count` policies on it. The policies are drawn at the maximum size and cut to the MDP's (S, A), so
 * shrinking the MDP keeps the policies' draws and the pair shrinks as a whole (no `chain`).
 */
export function mdpWithPolicies(count: number, options: MdpArbitraryOptions = {}): fc.Arbitrary<MdpWithPolicies> {
  const maxS = options.maxStates ?? 6;
  const maxA = options.maxActions ?? 4;
  return fc
    .tuple(mdpArbitrary(options), fc.array(policyDrawArbitrary(maxS, maxA), { minLength: count, maxLength: count }))
    .map(([mdp, draws]) => ({
      mdp,
      policies: draws.map((d) => policyFromWeights(d.weights, mdp.numStates, mdp.numActions, maxA, d.kind)),
    }));
}
