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

/**
 * Discount factors drawn: round values first (they are what shrinking reaches), then a uniform grid on [0, maxGamma]
 * (k/10⁴ — not fc.double, whose draws cluster at tiny magnitudes), then values near 1 (1 − m·10⁻ᵉ, e = 1 … 4), where
 * 1/(1 − γ) is large and the theorems' bounds are tight.
 */
function gammaArbitrary(maxGamma: number): fc.Arbitrary<number> {
  const round = [0.9, 0, 0.5, 0.99, 0.999, 0.9999].filter((g) => g <= maxGamma);
  return fc.oneof(
    { arbitrary: fc.constantFrom(...round), weight: 3 },
    { arbitrary: fc.integer({ min: 0, max: Math.floor(maxGamma * 1e4) }).map((k) => k / 1e4), weight: 2 },
    {
      arbitrary: fc
        .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 4 }))
        .map(([m, e]) => Math.min(maxGamma, 1 - m * 10 ** -e)),
      weight: 2,
    },
  );
}

/**
 * Sizes from [min, max], those up to `small` three times as often as larger ones (they are cheap and shrink well). One
 * integer is drawn and mapped monotonically, so the size shrinks toward `min` (a fc.oneof would stay in its branch).
 */
function sizeArbitrary(min: number, max: number, small: number): fc.Arbitrary<number> {
  if (max <= small || min > small) return fc.integer({ min, max });
  const smallSlots = 3 * (small - min + 1);
  return fc
    .integer({ min: 0, max: smallSlots + (max - small) - 1 })
    .map((x) => (x < smallSlots ? min + Math.floor(x / 3) : small + 1 + (x - smallSlots)));
}

/**
 * Numbers of actions: at least 2 (where the action matters), with A = 1 kept as a labelled edge case one time in 20
 * when the range allows it (mapped from one integer, so A shrinks toward 2).
 */
function actionsArbitrary(min: number, max: number): fc.Arbitrary<number> {
  if (min > 1 || max < 2) return fc.integer({ min, max });
  // One slot in 20 is A = 1, placed mid-block: fast-check favours the ends of an integer range.
  return fc.integer({ min: 0, max: 20 * (max - 1) - 1 }).map((x) => (x % 20 === 10 ? 1 : 2 + Math.floor(x / 20)));
}

/**
 * Random finite MDPs for properties. Sizes in [minStates, maxStates] (up to 5 three times as often as larger) ×
 * [minActions, maxActions] (A = 1 only as a 1-in-20 edge case); γ across [0, maxGamma] with round values, a uniform
 * grid and values near 1; transitions dense (all entries positive), sparse (about 40% nonzero) or deterministic; some
 * states absorbing with zero reward, but never all; rewards small integers (ties and zeros) or reals, scaled by
 * 1e-3 … 1e3, never all equal (two actions differ at the first non-absorbing state); `initial` with full support or not. Every part is drawn at its maximum size and cut to (S, A), so the MDP shrinks
 * toward fewer states and actions, γ = 0.9, scale 1, deterministic-free dense rows and zero rewards independently.
 */
export function mdpArbitrary(options: MdpArbitraryOptions = {}): fc.Arbitrary<Mdp> {
  const { minStates = 1, maxStates = 6, minActions = 1, maxActions = 4, maxGamma = 0.999 } = options;
  const kinds = options.transitionKinds ?? ['dense', 'sparse', 'deterministic'];
  const cells = maxStates * maxActions;
  const draw: fc.Arbitrary<MdpDraw> = fc.record({
    S: sizeArbitrary(minStates, maxStates, 5),
    A: actionsArbitrary(minActions, maxActions),
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
  // At most S − 1 absorbing states: an MDP of absorbing zero-reward states has no decision in it.
  const absorbing = d.absorbing.slice(0, S);
  if (absorbing.every(Boolean)) absorbing[0] = false;
  const reward = new Float64Array(S * A);
  const transition = new Float64Array(S * A * S);
  for (let s = 0; s < S; s++) {
    for (let a = 0; a < A; a++) {
      const sa = s * A + a;
      const row = sa * S;
      if (absorbing[s]) {
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
  // Rewards never all equal, and a decision to make: at the first non-absorbing state two actions differ in reward.
  const first = absorbing.indexOf(false);
  if (A >= 2 && reward[first * A] === reward[first * A + 1]) reward[first * A] += d.scale;
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
