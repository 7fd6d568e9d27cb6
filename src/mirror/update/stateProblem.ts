import type { Drift, DriftContext } from '../drifts/drift.js';

/** One penalty term coef·D in a per-state objective (coef ≥ 0). */
export interface PenaltyTerm {
  readonly drift: Drift;
  readonly coef: number;
}

/**
 * The per-state problem of the mirror update (Kuba et al. 2022, Definition 3, separable form):
 *   maximise φ(p) = ⟨p, g⟩ − Σ_k coef_k · D_k(p | π, s)   over p ∈ P(A),
 * with g = Q_π(s,·). Lagrange multipliers of neighbourhood constraints enter as further terms.
 */
export interface StateProblem {
  readonly g: Float64Array;
  readonly pi: Float64Array;
  readonly ctx: DriftContext;
  readonly terms: readonly PenaltyTerm[];
  /**
   * Where a solver may start and leave its own multiplier for the next solve of the same state (the update's multiplier
   * probes solve each state again at a nearby μ): a guess only, never part of a certificate.
   */
  readonly warm?: {
    delta: number;
    kappa?: number;
    /**
     * The KL coefficient m that solve had, and d(δ, κ)/dm there (the implicit function theorem): the next solve starts
     * from the first-order prediction at its own m (a probe's multiplier moves every state's m together).
     */
    m?: number;
    dDelta?: number;
    dKappa?: number;
  };
}

/** How a per-state solution was found. */
export type StateMethod = 'greedy' | 'closed-form' | 'separable' | 'generic' | 'pinned';

/**
 * A per-state solution: `gap` bounds φ* − φ(p) from above (0 for a closed form, a Frank–Wolfe gap for a concave
 * problem solved generically) or is Infinity when nothing certifies it.
 */
export interface StateSolution {
  p: Float64Array;
  value: number;
  gap: number;
  method: StateMethod;
}

/** φ(p); −∞ when a term is +∞. */
export function stateObjective(problem: StateProblem, p: Float64Array): number {
  let v = 0;
  for (let a = 0; a < p.length; a++) v += p[a] * problem.g[a];
  for (const t of problem.terms) {
    if (t.coef === 0) continue;
    const d = t.drift.value(p, problem.pi, problem.ctx);
    if (d === Infinity) return -Infinity;
    v -= t.coef * d;
  }
  return v;
}
