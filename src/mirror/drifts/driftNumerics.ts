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

/** Step sizes at which the drift's curvature near π is measured. */
const CURVATURE_STEPS = [2 ** -10, 2 ** -18, 2 ** -26];

/**
 * c_D = max over states s, actions a and h ∈ {2⁻¹⁰, 2⁻¹⁸, 2⁻²⁶} of D_π(π + h(e_a − π)|s)/h²: how steeply the drift
 * grows next to π, in value units (∞ when D is infinite there). Used by `fixedPointResolution`.
 */
export function driftCurvature(drift: Drift, pi: Float64Array, contexts: readonly DriftContext[], A: number): number {
  let c = 0;
  for (let s = 0; s < contexts.length; s++) {
    const row = pi.subarray(s * A, (s + 1) * A);
    for (let a = 0; a < A; a++) {
      if (row[a] === 1) continue;
      for (const h of CURVATURE_STEPS) {
        const x = Float64Array.from(row, (p, b) => (1 - h) * p + (b === a ? h : 0));
        const d = drift.value(x, row, contexts[s]);
        if (Number.isNaN(d)) continue;
        c = Math.max(c, d / (h * h));
      }
    }
  }
  return c;
}
