import type { Drift, DriftContext } from './drift.js';
import { UNIT_ROUNDOFF } from '../../numeric/rounding.js';

/**
 * A bound on the rounding noise of evaluating D_π(π̄|s) for a black-box drift: the rows π̄ and π are themselves known
 * only to a relative u (they sum to 1 only up to A·u), so D is uncertain by about u·Σ_a (π̄_a + π_a)·|∂D/∂π̄_a| —
 * for c·KL that is c·u, far above u·D near π̄ = π. The sensitivity comes from the drift's `gradient` when it has one,
 * else from central differences (step 2⁻²⁰). Returns 4(A+2)u·sensitivity + 16u·|D|.
 */
export function driftNoise(
  drift: Drift,
  piBar: Float64Array,
  pi: Float64Array,
  ctx: DriftContext,
  value?: number,
): number {
  const A = pi.length;
  const d = value ?? drift.value(piBar, pi, ctx);
  if (!Number.isFinite(d)) return 0;
  let sensitivity = 0;
  const g = new Float64Array(A);
  let usable = false;
  if (drift.gradient) {
    drift.gradient(piBar, pi, ctx, g);
    usable = g.every((x) => !Number.isNaN(x));
  }
  if (!usable) {
    const h = 2 ** -20;
    const x = Float64Array.from(piBar);
    for (let a = 0; a < A; a++) {
      const keep = x[a];
      x[a] = keep + h;
      const up = drift.value(x, pi, ctx);
      x[a] = Math.max(0, keep - h);
      const down = drift.value(x, pi, ctx);
      x[a] = keep;
      g[a] = (up - down) / (keep + h - Math.max(0, keep - h));
    }
  }
  for (let a = 0; a < A; a++) {
    const term = (Math.abs(piBar[a]) + Math.abs(pi[a])) * Math.abs(g[a]);
    if (Number.isFinite(term)) sensitivity += term;
  }
  return 4 * (A + 2) * UNIT_ROUNDOFF * sensitivity + 16 * UNIT_ROUNDOFF * Math.abs(d);
}
