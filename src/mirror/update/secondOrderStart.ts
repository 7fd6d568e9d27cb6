import type { Drift } from '../drifts/drift.js';
import type { StateProblem } from './stateProblem.js';

/**
 * A first multiplier for an expected ball E_w[div] ≤ δ whose unconstrained rows give no slope (they leave π's support,
 * so a KL ball reads ∞ there): the multiplier of the problem's second-order model at π (Kuba et al. 2022, Definition 3,
 * each state's terms by their curvatures on supp π — the natural-gradient picture of TRPO):
 *   x_a(μ) = (g_a − λ)/(h_a + μω_s·b_a),   Σ_a x_a = 0,   c(μ) = Σ_s w_s·½Σ_a b_a·x_a²,
 * with h_a = Σ_k coef_k·D_k″(π_a) (the drift's) and b_a = div″(π_a) (the ball's). c falls in μ; the μ with c(μ) = δ
 * is found by bisection in log μ to 1 %. Only a start for the search (its probes certify): NaN when a term has no
 * curvature, a ball's curvature vanishes on supp π, or the model's ball is already inside δ at every μ tried.
 */
export function secondOrderStart(
  problems: readonly StateProblem[],
  active: readonly number[],
  divergence: Drift,
  unit: Float64Array,
  weights: Float64Array,
  radius: number,
  scale: number,
): number {
  const ball = divergence.separable?.curvature;
  if (!ball || !(radius > 0) || !(scale > 0)) return NaN;
  // Per state and action of supp π: g_a, h_a and ω·b_a, flattened.
  const A = problems[0].g.length;
  const g = new Float64Array(active.length * A);
  const h = new Float64Array(active.length * A);
  const b = new Float64Array(active.length * A);
  for (let i = 0; i < active.length; i++) {
    const { g: gs, pi, ctx, terms } = problems[active[i]];
    if (!(unit[active[i]] > 0)) continue; // a state the ball does not weigh
    for (let a = 0; a < A; a++) {
      const j = i * A + a;
      if (!(pi[a] > 0)) continue; // stays at 0 in the model
      let curve = 0;
      for (const t of terms) {
        if (t.coef === 0) continue;
        if (!t.drift.separable && t.drift.quadratic) continue; // TV²: flat at π but for its kink; left out
        const sep = t.drift.separable;
        if (!sep?.curvature) return NaN;
        curve += t.coef * sep.curvature(a, pi[a], pi, ctx);
      }
      const bend = unit[active[i]] * divergence.separable!.curvature!(a, pi[a], pi, ctx);
      if (!(bend > 0 && bend < Infinity && curve >= 0 && curve < Infinity && Number.isFinite(gs[a]))) return NaN;
      g[j] = gs[a];
      h[j] = curve;
      b[j] = bend;
    }
  }
  const model = (mu: number): number => {
    let c = 0;
    for (let i = 0; i < active.length; i++) {
      if (!(unit[active[i]] > 0)) continue;
      let num = 0;
      let den = 0;
      for (let a = 0; a < A; a++) {
        const j = i * A + a;
        if (b[j] === 0) continue;
        const k = h[j] + mu * b[j];
        num += g[j] / k;
        den += 1 / k;
      }
      if (den === 0) continue;
      const lambda = num / den;
      let d = 0;
      for (let a = 0; a < A; a++) {
        const j = i * A + a;
        if (b[j] === 0) continue;
        const x = (g[j] - lambda) / (h[j] + mu * b[j]);
        d += (b[j] / unit[active[i]]) * x * x;
      }
      c += weights[active[i]] * 0.5 * d;
    }
    return c;
  };
  // Bisection in log μ over [10⁻¹²·scale, 10¹²·scale] to 1 %.
  let lo = Math.log(1e-12 * scale);
  let hi = Math.log(1e12 * scale);
  if (!(model(Math.exp(lo)) > radius) || !(model(Math.exp(hi)) <= radius)) return NaN;
  while (hi - lo > 0.01) {
    const mid = (lo + hi) / 2;
    if (model(Math.exp(mid)) > radius) lo = mid;
    else hi = mid;
  }
  return Math.exp(hi);
}
