import fc from 'fast-check';
import type { Mdp } from '../mdp.js';

/** How the transition rows of a generated MDP are drawn. */
export type TransitionKind = 'dense' | 'sparse' | 'deterministic';

export interface MdpArbitraryOptions {
  minStates?: number;
  maxStates?: number;
  minActions?: number;
  maxActions?: number;
  /** Largest γ drawn (default 0.999). */
  maxGamma?: number;
  /** Restrict the transition kinds drawn (default: all three). */
  transitionKinds?: readonly TransitionKind[];
}

/** The raw draw behind an MDP: kept so that the MDP shrinks through its parts. */
interface MdpDraw {
  S: number;
  A: number;
  gamma: number;
  scale: number;
  kind: TransitionKind;
  rewards: number[];
  weights: number[];
  targets: number[];
  absorbing: boolean[];
  initialWeights: number[];
  fullSupportInitial: boolean;
}

/** Discount factors drawn: round values first (they are what shrinking reaches), then any in [0, maxGamma]. */
function gammaArbitrary(maxGamma: number): fc.Arbitrary<number> {
  const round = [0.9, 0, 0.5, 0.99, 0.999].filter((g) => g <= maxGamma);
  return fc.oneof(
    { arbitrary: fc.constantFrom(...round), weight: 3 },
    { arbitrary: fc.double({ min: 0, max: maxGamma, noNaN: true }), weight: 1 },
  );
}

/**
 * Random finite MDPs for properties. Sizes in [minStates, maxStates] × [minActions, maxActions]; γ up to 0.999
 * (round values favoured); transitions dense (all entries positive), sparse (about 40% nonzero) or deterministic;
 * some states absorbing with zero reward; rewards small integers (ties and zeros) or reals, scaled by 1e-3 … 1e3;
 * `initial` with full support or not. Every part is drawn at its maximum size and cut to (S, A), so the MDP shrinks
 * toward fewer states and actions, γ = 0.9, scale 1, deterministic-free dense rows and zero rewards independently.
 */
export function mdpArbitrary(options: MdpArbitraryOptions = {}): fc.Arbitrary<Mdp> {
  const { minStates = 1, maxStates = 6, minActions = 1, maxActions = 4, maxGamma = 0.999 } = options;
  const kinds = options.transitionKinds ?? ['dense', 'sparse', 'deterministic'];
  const cells = maxStates * maxActions;
  const draw: fc.Arbitrary<MdpDraw> = fc.record({
    S: fc.integer({ min: minStates, max: maxStates }),
    A: fc.integer({ min: minActions, max: maxActions }),
    gamma: gammaArbitrary(maxGamma),
    scale: fc.constantFrom(1, 1e-3, 10, 1e3),
    kind: fc.constantFrom(...kinds),
    rewards: fc.array(
      fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -1, max: 1, noNaN: true, noDefaultInfinity: true })),
      { minLength: cells, maxLength: cells },
    ),
    weights: fc.array(fc.nat({ max: 9 }), { minLength: cells * maxStates, maxLength: cells * maxStates }),
    targets: fc.array(fc.nat({ max: maxStates - 1 }), { minLength: cells, maxLength: cells }),
    absorbing: fc.array(fc.boolean(), { minLength: maxStates, maxLength: maxStates }),
    initialWeights: fc.array(fc.nat({ max: 4 }), { minLength: maxStates, maxLength: maxStates }),
    fullSupportInitial: fc.boolean(),
  });
  return draw.map((d) => buildMdp(d, maxStates, maxActions));
}

function buildMdp(d: MdpDraw, maxStates: number, maxActions: number): Mdp {
  const { S, A, gamma, kind } = d;
  const reward = new Float64Array(S * A);
  const transition = new Float64Array(S * A * S);
  for (let s = 0; s < S; s++) {
    for (let a = 0; a < A; a++) {
      const sa = s * A + a;
      const row = sa * S;
      if (d.absorbing[s]) {
        transition[row + s] = 1;
        continue;
      }
      const cell = s * maxActions + a;
      reward[sa] = d.rewards[cell] * d.scale;
      const target = d.targets[cell] % S;
      let total = 0;
      if (kind !== 'deterministic') {
        for (let t = 0; t < S; t++) {
          const w = d.weights[cell * maxStates + t];
          const weight = kind === 'dense' ? 1 + w : w >= 6 ? w - 5 : 0;
          transition[row + t] = weight;
          total += weight;
        }
      }
      if (total === 0) {
        transition[row + target] = 1;
        total = 1;
      }
      for (let t = 0; t < S; t++) transition[row + t] /= total;
    }
  }
  const initial = new Float64Array(S);
  let total = 0;
  for (let s = 0; s < S; s++) {
    initial[s] = d.initialWeights[s] + (d.fullSupportInitial ? 1 : 0);
    total += initial[s];
  }
  if (total === 0) {
    initial[0] = 1;
    total = 1;
  }
  for (let s = 0; s < S; s++) initial[s] /= total;
  return {
    name: `generated-${S}x${A}`,
    numStates: S,
    numActions: A,
    gamma,
    initial,
    reward,
    transition,
  };
}
