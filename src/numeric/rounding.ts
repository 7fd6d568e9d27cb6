/** Unit roundoff of IEEE-754 binary64, u = 2⁻⁵³. */
export const UNIT_ROUNDOFF = 2 ** -53;

/**
 * Higham's constant γ_k = k·u / (1 − k·u): a sum or dot product of k terms computed in floating point differs from the
 * exact one by at most γ_k · Σ|terms| (Higham, Accuracy and Stability of Numerical Algorithms, §3.1).
 */
export function roundingGamma(k: number): number {
  const ku = k * UNIT_ROUNDOFF;
  return ku / (1 - ku);
}

/**
 * Bound on the rounding error of a k-term sum or dot product whose terms have absolute sum `magnitude`:
 * γ_k·magnitude for the relative part, plus k·2⁻¹⁰⁷⁴ for underflow (each operation that lands in the subnormal
 * range may lose up to half the smallest subnormal absolutely; Higham §2.1).
 */
export function roundingAllowance(k: number, magnitude: number): number {
  return roundingGamma(k) * magnitude + k * Number.MIN_VALUE;
}
