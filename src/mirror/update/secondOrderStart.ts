import type { Drift } from '../drifts/drift.js';
import { smallStepModel } from './dualBisection.js';
import type { StateProblem } from './stateProblem.js';

/**
 * A first multiplier for an expected ball E_w[div] ≤ δ whose unconstrained rows give no slope (they leave π's support,
 * so a KL ball reads ∞ there): the multiplier of the problem's second-order model at π (Kuba et al. 2022, Definition 3,
 * each state's terms by their curvatures on supp π — the natural-gradient picture of TRPO):
 *   x_a(μ) = (g_a − λ)/(h_a + μω_s·b_a),   Σ_a x_a = 0,   c(μ) = Σ_s w_s·½Σ_a b_a·x_a²,
 * with h_a = Σ_k coef_k·D_k″(π_a) (the drift's) and b_a = div″(π_a) (the ball's). c falls in μ; the μ with c(μ) = δ
 * is reached to 1 % by the small-step model's steps (dualBisection) on the model itself. Only a start for the search (its probes certify): NaN when a term has no
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
  // c(μ) and, into `slope`, dc/dμ = −Σ_s w_s·ω_s·[Σ(b̃x)²/k − (Σ b̃x/k)²/Σ1/k] (k_a = h_a + μω·b̃_a, the implicit
  // function theorem on the model as in ballSlope).
  let slope = 0;
  const model = (mu: number): number => {
    let c = 0;
    slope = 0;
    for (let i = 0; i < active.length; i++) {
      const omega = unit[active[i]];
      if (!(omega > 0)) continue;
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
      let dd = 0;
      let d1 = 0;
      for (let a = 0; a < A; a++) {
        const j = i * A + a;
        if (b[j] === 0) continue;
        const k = h[j] + mu * b[j];
        const x = (g[j] - lambda) / k;
        const bx = (b[j] / omega) * x;
        d += bx * x;
        dd += (bx * bx) / k;
        d1 += bx / k;
      }
      c += weights[active[i]] * 0.5 * d;
      slope -= weights[active[i]] * omega * (dd - (d1 * d1) / den);
    }
    return c;
  };
  // From √(c(1)/δ) — the root were c ∝ μ⁻² (the ball's term alone) — by the small-step model's steps on the model
  // itself: c has that model's shape per action, so a few steps reach 1 %.
  let mu = Math.sqrt(model(1) / radius);
  if (!(mu > 0 && Number.isFinite(mu))) return NaN;
  for (let i = 0; i < 12; i++) {
    const c = model(mu);
    if (!(c > 0 && Number.isFinite(c))) return NaN;
    if (Math.abs(c / radius - 1) <= 0.01) return mu;
    const next = smallStepModel(mu, c, slope, radius);
    if (!(next > 0 && next < 1e12 * scale)) return NaN;
    mu = next;
  }
  return NaN;
}
