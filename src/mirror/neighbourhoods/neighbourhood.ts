import type { Drift } from '../drifts/drift.js';

/** Which distribution weights an expected-divergence ball: β (the sampling distribution) or ρ̄ of the old policy. */
export type BallWeighting = 'sampling' | 'visitation';

/** The divergence of a ball: a drift-like function of (π̄, π) at one state, or 'drift' for the configured drift. */
export type BallDivergence = Drift | 'drift';

/** Per-state ball {π̄ : div_s(π̄) ≤ δ for every s} (the max-divergence ball max_s div_s ≤ δ is the same set). */
export interface StateBall {
  readonly kind: 'state-ball';
  readonly divergence: BallDivergence;
  readonly radius: number;
}

/** Expected-divergence ball {π̄ : E_{s∼w}[div_s(π̄)] ≤ δ}; with forward KL and w = ρ̄ this is TRPO's ball. */
export interface ExpectedBall {
  readonly kind: 'expected-ball';
  readonly divergence: BallDivergence;
  readonly radius: number;
  readonly weighting: BallWeighting;
}

export type Ball = StateBall | ExpectedBall;

/**
 * A neighbourhood operator N(π) (Kuba et al. 2022, Definition 2) as an intersection of balls around π; no balls is the
 * trivial operator N ≡ Π. Each ball's divergence is continuous, zero only at π̄ = π for positive divergences, so N(π)
 * is compact, continuous in π, and contains a ball around π; reverting one state to π keeps a policy inside.
 */
export interface Neighbourhood {
  readonly name: string;
  readonly balls: readonly Ball[];
}

export const trivialNeighbourhood: Neighbourhood = { name: 'trivial', balls: [] };

/** N₁ ∩ N₂ ∩ … */
export function intersectNeighbourhoods(parts: readonly Neighbourhood[]): Neighbourhood {
  return { name: parts.map((p) => p.name).join('+'), balls: parts.flatMap((p) => p.balls) };
}

/** Ball divergences with `drift` resolved to the configured drift. */
export function resolveDivergence(ball: Ball, drift: Drift): Drift {
  return ball.divergence === 'drift' ? drift : ball.divergence;
}
