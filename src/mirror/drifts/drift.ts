/**
 * What a drift sees at one state besides the two action distributions: the state, the row A_π(s,·) of the old
 * policy's advantage (the PPO drift needs it), and whole-MDP facts some drifts scale by (TRL's C needs max|A_π|).
 */
export interface DriftContext {
  /** The state s. */
  readonly state: number;
  /** A_π(s,·) of the old policy π at this state (length A). */
  readonly advantage: Float64Array;
  /** max_{s,a} |A_π(s,a)| over the whole MDP. */
  readonly maxAbsAdvantage: number;
  /** The MDP's discount γ. */
  readonly gamma: number;
}

/**
 * A drift functional D_π(π̄|s) (Kuba et al. 2022, Mirror Learning, Definition 1): nonnegative, zero at π̄ = π, with
 * zero Gâteaux derivatives in π̄ at π̄ = π. `value` may return +∞ (e.g. a KL when π̄ drops support of π), never NaN.
 *
 * Optional parts let the update solver do better than a generic search:
 * - `family`: D = scale(ctx) · base with `base` a BaseDrift, so that terms of one family add up into one closed form;
 * - `gradient`: ∇_{π̄} D (a supergradient choice at kinks), for pair selection and Frank–Wolfe certificates;
 * - `convex`: D is convex in π̄ for every π, so that a Frank–Wolfe gap certifies the per-state problem;
 * - `interiorOnly`: Definition 1 is claimed only at full-support π (e.g. KL, whose derivative at a boundary π in a
 *   direction leaving its support is the mass that leaves, not 0);
 * - `separable`: D = Σ_a term_a(π̄_a), with one-sided derivatives of each term, so that mixtures of convex separable
 *   drifts are solved exactly through their KKT conditions;
 * - `quadratic`: D = scale·inner² with `inner` separable and nonnegative (e.g. TV² = (½‖π̄ − π‖₁)²).
 */
export interface Drift {
  readonly name: string;
  value(piBar: Float64Array, pi: Float64Array, ctx: DriftContext): number;
  gradient?(piBar: Float64Array, pi: Float64Array, ctx: DriftContext, out: Float64Array): void;
  readonly convex?: boolean;
  readonly interiorOnly?: boolean;
  readonly family?: DriftFamily;
  readonly separable?: SeparableTerms;
  readonly quadratic?: QuadraticOfSeparable;
}

/**
 * D(π̄) = Σ_a term_a(π̄_a): `term(a, x)` is term_a(x) and `derivative(a, x, side)` is the right (side = 1) or left (side = −1) derivative of term_a
 * at x ∈ [0, 1] (±∞ allowed; a convex term has nondecreasing derivatives).
 */
export interface SeparableTerms {
  /** term_a(x) (may be +∞). */
  term(a: number, x: number, pi: Float64Array, ctx: DriftContext): number;
  derivative(a: number, x: number, side: 1 | -1, pi: Float64Array, ctx: DriftContext): number;
  /** term_a″(x) where term_a is smooth (≥ 0 for a convex term); enables Newton steps in the separable solver. */
  curvature?(a: number, x: number, pi: Float64Array, ctx: DriftContext): number;
  /** The points of (0, 1) where term_a′ jumps (piecewise-linear terms); none if omitted. */
  kinks?(a: number, pi: Float64Array, ctx: DriftContext): number[];
}

/** D = scale(ctx) · inner(π̄)², inner separable, convex and nonnegative. */
export interface QuadraticOfSeparable {
  readonly inner: Drift & { readonly separable: SeparableTerms };
  scale(ctx: DriftContext): number;
}

/** D = scale(ctx) · base. */
export interface DriftFamily {
  readonly base: BaseDrift;
  scale(ctx: DriftContext): number;
}

/**
 * A drift with an exact per-state maximiser: `maximize` writes into `out` an argmax over the simplex P(A) of
 *   ⟨p, g⟩ − c · D_π(p|s),   c > 0,
 * the per-state problem of the mirror update (Definition 3) with g = Q_π(s,·) and c = ν(s)/β(s).
 */
export interface BaseDrift extends Drift {
  maximize(g: Float64Array, c: number, pi: Float64Array, ctx: DriftContext, out: Float64Array): void;
}

/**
 * The drift with every part in one order, absent ones undefined (its separable terms too): one hidden class for every
 * drift the engine builds, so that the solvers' reads of a drift's parts (`family`, `separable`, `quadratic`, …) stay
 * monomorphic in a process that has seen many drifts. Each literal shape made those reads megamorphic: after a few
 * updates of each built-in drift, TV² in a KL ball took 17 % longer and its trivial update 30 % (S = 200).
 * Throws on a part outside that list (it would be dropped): a drift of the engine's with a new part adds it here.
 */
export function canonicalDrift<T extends Drift>(drift: T): T {
  const maybeBase = drift as Partial<BaseDrift>;
  const canonical = {
    name: drift.name,
    convex: drift.convex,
    interiorOnly: drift.interiorOnly,
    value: drift.value,
    gradient: drift.gradient,
    family: drift.family,
    separable: canonicalSeparable(drift.separable),
    quadratic: drift.quadratic,
    maximize: maybeBase.maximize,
  };
  refuseDropped(drift, canonical, drift.name);
  if (drift.separable) refuseDropped(drift.separable, canonical.separable!, `${drift.name}.separable`);
  return canonical as unknown as T;
}

/** Throws where `from` has an own part that `to` (its canonical copy) has not. */
function refuseDropped(from: object, to: object, what: string): void {
  for (const key of Object.keys(from)) {
    if (!Object.hasOwn(to, key)) throw new TypeError(`canonicalDrift: ${what} has a part ${key} it would drop`);
  }
}

function canonicalSeparable(sep: SeparableTerms | undefined): SeparableTerms | undefined {
  return sep && { term: sep.term, derivative: sep.derivative, curvature: sep.curvature, kinks: sep.kinks };
}

/** Makes a BaseDrift its own family (scale 1), in the canonical shape (`canonicalDrift`). */
export function asBase<T extends Omit<BaseDrift, 'family'>>(drift: T): T & BaseDrift {
  const base = canonicalDrift(drift as unknown as BaseDrift) as unknown as T & BaseDrift;
  (base as { family?: DriftFamily }).family = { base, scale: () => 1 };
  return base;
}
