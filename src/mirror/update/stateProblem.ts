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
  /**
   * φ(π) − φ(p) as `assessAgainstStaying` computes it, where the solver made that pass over this very row (its
   * certificate needed φ(p)): the check against staying reads it rather than walking the terms again.
   */
  loss?: number;
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

const assessed = { loss: 0, value: 0 };

/**
 * φ(π) − φ(p), as Σ_a (π_a − p_a)·(g_a − max g) + Σ_k coef_k·(D_k(p) − D_k(π)) — differences first, so that rows equal to
 * π up to rounding give their true (tiny) loss rather than the rounding of ⟨p, g⟩; 0 when a term is not finite — and
 * φ(p) (as `stateObjective`), in one pass: each D_k(p) once. The returned object is reused by the next call.
 */
export function assessAgainstStaying(problem: StateProblem, p: Float64Array): { loss: number; value: number } {
  const { g, pi } = problem;
  // g is centred at its maximum: for two distributions Σ (π_a − p_a)·c = 0, but a π whose entries sum to 1 + 1e-200 in
  // exact arithmetic (a 1e-200 entry beside a 1) would otherwise win against the greedy row by its surplus mass.
  let top = -Infinity;
  for (let a = 0; a < g.length; a++) if (g[a] > top) top = g[a];
  if (!Number.isFinite(top)) top = 0;
  let loss = 0;
  let value = 0;
  for (let a = 0; a < p.length; a++) {
    value += p[a] * g[a];
    if (pi[a] !== p[a]) loss += (pi[a] - p[a]) * (g[a] - top);
  }
  // A drift repeated in the next term (a drift ball, a KL ball beside the KL drift) is evaluated once: the same pure
  // function of the same rows.
  let last: Drift | null = null;
  let dp = 0;
  let dpi = 0;
  for (const t of problem.terms) {
    if (t.coef === 0) continue;
    if (t.drift !== last) {
      last = t.drift;
      dp = t.drift.value(p, pi, problem.ctx);
      dpi = t.drift.value(pi, pi, problem.ctx);
    }
    value = dp === Infinity ? -Infinity : value - t.coef * dp;
    loss += t.coef * (dp - dpi);
  }
  assessed.loss = Number.isFinite(loss) ? loss : 0;
  assessed.value = value;
  return assessed;
}
