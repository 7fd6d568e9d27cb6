import { canonicalDrift, type Drift } from './drift.js';

/**
 * Log-ratio-squared drift D_π(π̄|s) = Σ_a π_a (log(π̄_a/π_a))², +∞ where π̄ drops support of π. A valid drift
 * (nonnegative, zero with zero gradient at π̄ = π) that is **not convex** in π̄ ((log x)² bends down past x = e),
 * so it has no closed form here and exercises the generic solver, whose answers are then uncertified.
 */
export const logRatioSquaredDrift: Drift = canonicalDrift({
  name: 'logratio2',
  convex: false,
  interiorOnly: true,
  value(piBar: Float64Array, pi: Float64Array): number {
    let d = 0;
    for (let a = 0; a < pi.length; a++) {
      if (pi[a] === 0) continue;
      if (piBar[a] === 0) return Infinity;
      d += pi[a] * (Math.log(piBar[a]) - Math.log(pi[a])) ** 2;
    }
    return d;
  },
  gradient(piBar: Float64Array, pi: Float64Array, _ctx: unknown, out: Float64Array): void {
    for (let a = 0; a < pi.length; a++)
      out[a] = pi[a] === 0 ? 0 : (2 * pi[a] * (Math.log(piBar[a]) - Math.log(pi[a]))) / piBar[a];
  },
});
