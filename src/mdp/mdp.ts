/**
 * A finite MDP ⟨S, A, r, P, γ, d⟩ (Kuba et al. 2022, Mirror Learning, Section 2), stored flat in row-major
 * `Float64Array`s: `reward[s*A + a] = r(s,a)`, `transition[(s*A + a)*S + s'] = P(s'|s,a)`, `initial[s] = d(s)`.
 * Rows of `transition` and `initial` sum to 1 (to rounding); `gamma ∈ [0, 1)`.
 */
export interface Mdp {
  readonly name: string;
  readonly numStates: number;
  readonly numActions: number;
  readonly gamma: number;
  readonly initial: Float64Array;
  readonly reward: Float64Array;
  readonly transition: Float64Array;
  readonly stateNames?: readonly string[];
  readonly actionNames?: readonly string[];
  readonly description?: string;
}

/** Largest |r(s,a)|, the Rmax of Kuba et al. 2022, Section 2. */
export function maxAbsReward(mdp: Mdp): number {
  let m = 0;
  for (let i = 0; i < mdp.reward.length; i++) m = Math.max(m, Math.abs(mdp.reward[i]));
  return m;
}
