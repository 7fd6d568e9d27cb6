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
