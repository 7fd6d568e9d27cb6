/**
 * A valid drift for the gate (docs/drifts.md): a state-dependent, non-convex penalty
 *   D_π(π̄|s) = (1 + s mod 3) · log(1 + 4·‖π̄ − π‖²),
 * nonnegative, zero at π̄ = π with zero gradient there (log(1 + x) ≈ x), continuous, and not convex in π̄.
 * Check it with:  npx mirror-check drift examples/valid-drift.ts
 */
import type { Drift } from 'mirror-check';

const drift: Drift = {
  name: 'log-l2-state-scaled',
  value(piBar, pi, ctx) {
    let sq = 0;
    for (let a = 0; a < pi.length; a++) sq += (piBar[a] - pi[a]) ** 2;
    return (1 + (ctx.state % 3)) * Math.log1p(4 * sq);
  },
};

export default drift;
