import fc from 'fast-check';
import { policyFromWeights, policyDrawArbitrary, type PolicyKind } from '../../mdp/arbitraries/policyArbitrary.js';
import { mdpArbitrary } from '../../mdp/arbitraries/mdpArbitrary.js';
import { singleStepGame } from '../../mdp/environments/singleStepGame.js';
import { tabularGame } from '../../mdp/environments/tabularGame.js';
import { gridWorld } from '../../mdp/environments/gridWorld.js';
import { slipperyChain } from '../../mdp/environments/slipperyChain.js';
import type { Mdp } from '../../mdp/mdp.js';
import type { Policy } from '../../policy/policy.js';
import type { CaseOptions, ClaimCase } from './claim.js';

/** Sizes of generated MDPs: single-step claims and the (costlier) run claims. */
export const STEP_SIZES = { maxStates: 12, maxActions: 4 };
export const RUN_SIZES = { maxStates: 6, maxActions: 3 };

const FIXTURES: Record<'step' | 'run', Mdp[]> = {
  step: [singleStepGame(), tabularGame(), gridWorld(), slipperyChain()],
  run: [singleStepGame(), tabularGame(), slipperyChain()],
};

/** Sizes of the random constructions' cases (see `CaseOptions.construction`). */
export const CONSTRUCTION_SIZES = { maxStates: 6, maxActions: 4 };

/** Sizes and environments of the drift gate's cases (a user's drift may only have the slow generic solver). */
export const GATE_SIZES = { maxStates: 3, maxActions: 3 };

/** The raw draw of a case: an MDP (random or a paper fixture) and policy draws cut to its size. */
interface Draw {
  mdp: Mdp;
  draws: { kind: PolicyKind; weights: number[] }[];
  numbers: number[];
}

/**
 * Cases with `count` policies: random MDPs (4 in 5) or the paper's environments (1 in 5), policies interior, on the
 * boundary or deterministic. Shrinks toward small random MDPs (from a paper environment too) and uniform policies.
 */
export function caseArbitrary(
  count: number,
  size: 'step' | 'run' = 'step',
  numbers: fc.Arbitrary<number[]> = fc.constant([]),
  options: CaseOptions = {},
): fc.Arbitrary<ClaimCase> {
  const source = options.source ?? 'both';
  const sizes = options.small
    ? GATE_SIZES
    : options.construction
      ? CONSTRUCTION_SIZES
      : size === 'step'
        ? STEP_SIZES
        : RUN_SIZES;
  const fixtures = options.small ? FIXTURES.run.slice(0, 2) : options.construction ? FIXTURES.run : FIXTURES[size];
  const maxS = Math.max(sizes.maxStates, ...fixtures.map((m) => m.numStates));
  const maxA = Math.max(sizes.maxActions, ...fixtures.map((m) => m.numActions));
  const random = mdpArbitrary({ ...sizes, minActions: options.minActions ?? 1, maxGamma: 0.9999 });
  const fixture = fc.constantFrom(...fixtures);
  const mdp =
    source === 'random'
      ? random
      : source === 'fixtures'
        ? fixture
        : fc.oneof({ arbitrary: random, weight: 4 }, { arbitrary: fixture, weight: 1 });
  const draw: fc.Arbitrary<Draw> = fc.record({
    mdp,
    draws: fc.array(policyDrawArbitrary(maxS, maxA), { minLength: count, maxLength: count }),
    numbers,
  });
  return draw.map(({ mdp: m, draws, numbers: xs }) => ({
    mdp: m,
    policies: draws.map((d) => policyFromWeights(d.weights, m.numStates, m.numActions, maxA, d.kind)),
    numbers: xs,
  }));
}

/** Where a policy lies in Π: `interior`, `boundary` (some zero, not deterministic) or `deterministic`. */
export function policyKind(pi: Policy, A: number): 'interior' | 'boundary' | 'deterministic' {
  let zero = false;
  let deterministic = true;
  for (let s = 0; s < pi.length / A; s++) {
    let nonzero = 0;
    for (let a = 0; a < A; a++)
      if (pi[s * A + a] === 0) zero = true;
      else nonzero += 1;
    if (nonzero !== 1) deterministic = false;
  }
  return deterministic ? 'deterministic' : zero ? 'boundary' : 'interior';
}

/** Coverage labels of a case: size, γ, the first policy's kind, reward ties, fixture name. */
export function caseLabels(c: ClaimCase): string[] {
  const { mdp } = c;
  const S = mdp.numStates;
  const A = mdp.numActions;
  const size = S === 1 ? 'S=1' : S <= 3 ? 'S=2..3' : S <= 6 ? 'S=4..6' : S <= 12 ? 'S=7..12' : 'S>12';
  const g = mdp.gamma;
  const gamma =
    g === 0 ? 'γ=0' : g < 0.9 ? 'γ<0.9' : g < 0.99 ? 'γ∈[0.9,0.99)' : g < 0.999 ? 'γ∈[0.99,0.999)' : 'γ≥0.999';
  let ties = false;
  for (let s = 0; s < S && !ties; s++) {
    const row = Array.from(mdp.reward.subarray(s * A, (s + 1) * A));
    ties = A > 1 && new Set(row).size < row.length;
  }
  const labels = [size, `A=${A}`, gamma, `π:${c.policies.length ? policyKind(c.policies[0], A) : 'none'}`];
  if (c.policies.length && c.policies[0].some((x) => x > 0 && x < 1e-10)) labels.push('π entries < 1e-10');
  if (ties) labels.push('reward ties');
  if (mdp.name && ['single-step-game', 'tabular-game', 'gridworld', 'slippery-chain'].includes(mdp.name))
    labels.push(`fixture:${mdp.name}`);
  if (mdp.initial.some((x) => x === 0)) labels.push('d lacks full support');
  return labels;
}
