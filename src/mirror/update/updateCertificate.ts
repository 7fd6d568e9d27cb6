/** The value of one neighbourhood constraint at the returned policy. */
export interface ConstraintValue {
  readonly ball: string;
  readonly value: number;
  readonly radius: number;
}

/**
 * What a mirror update certifies about its answer (docs/verification.md, "Verdicts"): feasibility in N(π_old), and an upper bound on the
 * optimality gap OPT − J(π_new) of Eq. (5) — 0 for closed forms, a weak-duality or Frank–Wolfe bound for concave
 * problems, `null` when nothing certifies it ("uncertified").
 */
export interface UpdateCertificate {
  readonly feasible: boolean;
  readonly optimalityGap: number | null;
  /**
   * Per-state bounds φ*_s − φ_s(π_new) in the units of the state's own objective φ_s(p) = ⟨p, Q_s⟩ − (ν/β)(s)·D_s(p)
   * (unweighted by β), where the problem separates over states (no expected-divergence ball); null otherwise (then
   * only the whole gap is certified, and a state's share is at most optimalityGap/β(s)). Infinity where uncertified.
   */
  readonly stateGaps: Float64Array | null;
  /** How the states were solved, e.g. `closed-form`, `closed-form+dual`, `generic+dual`, `epigraph`. */
  readonly method: string;
  readonly constraints: readonly ConstraintValue[];
  /** Hypotheses of Theorem 1 that this step does not meet (e.g. β(s) = 0), empty when all are met. */
  readonly outsideHypotheses: readonly string[];
}
