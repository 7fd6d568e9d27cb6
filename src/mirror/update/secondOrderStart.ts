import type { Drift } from '../drifts/drift.js';
import { totalVariationDistance } from '../drifts/totalVariationDistance.js';
import { reducedCurvature } from './ballSlope.js';
import { smallStepModel } from './dualBisection.js';
import type { StateProblem } from './stateProblem.js';

/**
 * A first multiplier for an expected ball E_w[div] ≤ δ whose unconstrained rows give no slope (they leave π's support,
 * so a KL ball reads ∞ there): the multiplier of the problem's second-order model at π (Kuba et al. 2022, Definition 3,
 * each state's terms by their curvatures on supp π — the natural-gradient picture of TRPO):
 *   x_a(μ) = (g_a − λ − σ_a·κ/2)/(h_a + μω_s·b_a),   Σ_a x_a = 0,   c(μ) = Σ_s w_s·½Σ_a b_a·x_a²,
 * with h_a = Σ_k coef_k·D_k″(π_a) (the drift's) and b_a = div″(π_a) (the ball's). A TV² term α·(½‖x‖₁)², flat at π but
 * for its kink and of degree two, enters whole: κ = 2α·T = α·Σ σ_a x_a, with σ_a = ±1 on the actions that rise or fall
 * (|g_a − λ| > κ/2) and x_a = 0 in between (its κ-decomposition; the sets by a few active-set passes). Leaving it out
 * started TV² in a KL ball 40 % inside the ball, one probe more. c falls in μ; the μ with c(μ) = δ is reached to 1 % by
 * the small-step model's steps (dualBisection) on the model itself. Only a start for the search (its probes certify):
 * NaN when a term has no curvature, a ball's curvature vanishes on supp π, or the model's ball is already inside δ at
 * every μ tried. With `seeds` (2 per active state), each active state's model multipliers at the μ returned, in the
 * per-state solvers' terms (δ = λ − max g, and κ: `solverSeeds`), at 2i and 2i + 1 for active[i] (NaN where the model
 * has none): the first probe's solvers start there (they took 13 evaluations of x per state from cold, TV² in a KL ball).
 */
export function secondOrderStart(
  problems: readonly StateProblem[],
  active: readonly number[],
  divergence: Drift,
  unit: Float64Array,
  weights: Float64Array,
  radius: number,
  scale: number,
  seeds?: Float64Array,
): number {
  const ball = divergence.separable?.curvature;
  if (!ball || !(radius > 0) || !(scale > 0)) return NaN;
  // Per state and action of supp π: g_a, h_a and ω·b_a, flattened.
  const A = problems[0].g.length;
  // Four views on one scratch array kept between calls: a Float64Array above 64 bytes is allocated off V8's heap, ~1 µs
  // each (a tenth of this start at S = 20), a view ~30 ns. Zeroed: an action outside supp π keeps b = 0.
  const n = active.length * A;
  if (scratch.length < 3 * n + active.length) scratch = new Float64Array(3 * n + active.length);
  const store = scratch.fill(0, 0, 3 * n + active.length);
  const g = store.subarray(0, n);
  const h = store.subarray(n, 2 * n);
  const b = store.subarray(2 * n, 3 * n);
  const alpha = store.subarray(3 * n); // each state's TV² weight
  const sigma = new Int8Array(A);
  const inverse = new Float64Array(A);
  for (let i = 0; i < active.length; i++) {
    const { g: gs, pi, ctx, terms } = problems[active[i]];
    if (!(unit[active[i]] > 0)) continue; // a state the ball does not weigh
    // TV²: flat at π but for its kink, enters the model whole (its weight is the state's); another squared term is
    // left out.
    for (const t of terms) {
      const squared = t.drift.separable ? undefined : t.drift.quadratic;
      if (t.coef !== 0 && squared?.inner === totalVariationDistance) alpha[i] += t.coef * squared.scale(ctx);
    }
    for (let a = 0; a < A; a++) {
      const j = i * A + a;
      if (!(pi[a] > 0)) continue; // stays at 0 in the model
      let curve = 0;
      for (const t of terms) {
        if (t.coef === 0) continue;
        if (!t.drift.separable && t.drift.quadratic) continue; // squared: above
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
  // Each state's sets from its last evaluation of the model (all moving at first): at the next μ they mostly hold, and
  // the passes then confirm them in one (2.35 passes a state from scratch, TV² in a KL ball).
  const sets = new Int8Array(active.length * A).fill(1);
  const model = (mu: number): number => {
    let c = 0;
    // Summed here, stored once: a captured variable written per state boxed each double (400 heap numbers a start).
    let dc = 0;
    for (let i = 0; i < active.length; i++) {
      const omega = unit[active[i]];
      if (!(omega > 0)) continue;
      // λ and κ on the moving actions (σ ≠ 0): Σx = 0 and κ = α·Σσx, linear in both for given sets; the sets from the
      // last (λ, κ), until they repeat (every action moving, κ = 0, at first).
      const al = alpha[i];
      // 1/k_a once per state (this model runs S·A·passes of them: a division in every pass cost a fifth of the start).
      let moving = false;
      for (let a = 0; a < A; a++) {
        const j = i * A + a;
        sigma[a] = sets[j];
        if (sets[j] !== 0 && b[j] !== 0) moving = true; // on supp π: the others stay at 0 in the model
        inverse[a] = b[j] === 0 ? 0 : 1 / (h[j] + mu * b[j]);
      }
      if (!moving) sigma.fill(1); // sets that moved nothing on supp π: from every action moving, as at first
      let lambda = 0;
      let kappa = 0;
      let den = 0;
      for (let pass = 0; pass < 2 * A + 2; pass++) {
        let g1 = 0;
        let q = 0;
        let gs = 0;
        den = 0;
        for (let a = 0; a < A; a++) {
          const j = i * A + a;
          if (b[j] === 0 || sigma[a] === 0) continue;
          const r = inverse[a];
          den += r;
          g1 += g[j] * r;
          q += sigma[a] * r;
          gs += sigma[a] * g[j] * r;
        }
        if (den === 0) break;
        kappa = al > 0 ? Math.max(0, (al * (gs - (q * g1) / den)) / (1 + (al / 2) * (den - (q * q) / den))) : 0;
        lambda = (g1 - (kappa / 2) * q) / den;
        let changed = false;
        for (let a = 0; a < A; a++) {
          const z = g[i * A + a] - lambda;
          const next = al === 0 ? 1 : z > kappa / 2 ? 1 : z < -kappa / 2 ? -1 : 0;
          if (next !== sigma[a]) changed = true;
          sigma[a] = next;
        }
        if (!changed) break;
      }
      for (let a = 0; a < A; a++) sets[i * A + a] = sigma[a];
      if (den === 0) continue;
      if (seeds) {
        seeds[2 * i] = lambda;
        seeds[2 * i + 1] = kappa;
      }
      // dc/dμ as in ballSlope: H = diag(k) + 2α·uuᵀ on the moving actions, u = σ/2 (Sherman–Morrison).
      let d = 0;
      let dd = 0;
      let d1 = 0;
      let uu = 0;
      let u1 = 0;
      let ud = 0;
      for (let a = 0; a < A; a++) {
        const j = i * A + a;
        if (b[j] === 0 || sigma[a] === 0) continue;
        const r = inverse[a];
        const x = (g[j] - lambda - (al === 0 ? 0 : (sigma[a] * kappa) / 2)) * r;
        const bx = (b[j] / omega) * x;
        const u = al === 0 ? 0 : sigma[a] / 2;
        d += bx * x;
        dd += bx * bx * r;
        d1 += bx * r;
        uu += u * u * r;
        u1 += u * r;
        ud += u * bx * r;
      }
      c += weights[active[i]] * 0.5 * d;
      dc -= weights[active[i]] * omega * reducedCurvature(dd, d1, den, uu, u1, ud, al);
    }
    slope = dc;
    return c;
  };
  // From √(c(1)/δ) — the root were c ∝ μ⁻² (the ball's term alone) — by the small-step model's steps on the model
  // itself: c has that model's shape per action, so a few steps reach 1 %.
  seeds?.fill(NaN);
  // The first step by the small-step model through μ = 1 (its value and slope), which takes the drift's own stiffness
  // μ₀ into account where √(c(1)/δ) assumed μ₀ = 0: one model evaluation fewer (3 → 2 for TV² and L2 in KL balls).
  const atOne = model(1);
  let mu = smallStepModel(1, atOne, slope, radius);
  if (!(mu > 0)) mu = Math.sqrt(atOne / radius);
  if (!(mu > 0 && Number.isFinite(mu))) return NaN;
  for (let i = 0; i < 12; i++) {
    const c = model(mu);
    if (!(c > 0 && Number.isFinite(c))) return NaN;
    if (Math.abs(c / radius - 1) <= 0.01) {
      if (seeds) solverSeeds(problems, active, divergence, unit, mu, seeds);
      return mu;
    }
    const next = smallStepModel(mu, c, slope, radius);
    if (!(next > 0 && next < 1e12 * scale)) return NaN;
    mu = next;
  }
  return NaN;
}

let scratch = new Float64Array(0);

/**
 * The model's λ (in `seeds`) as the solvers' δ = λ − max g at the ball's multiplier μ: the model leaves out the ball's
 * gradient at π, which a KL ball's is constant on supp π (μω·∂KL(π‖·)/∂p_a = −μω) and so shifts λ by it — read from the
 * divergence's derivative at the first action of supp π. κ is the same κ = 2α·TV in both. NaN where that derivative is
 * unknown.
 */
function solverSeeds(
  problems: readonly StateProblem[],
  active: readonly number[],
  divergence: Drift,
  unit: Float64Array,
  mu: number,
  seeds: Float64Array,
): void {
  const derivative = divergence.separable?.derivative;
  for (let i = 0; i < active.length; i++) {
    const { g, pi, ctx } = problems[active[i]];
    let top = -Infinity;
    for (let a = 0; a < g.length; a++) top = Math.max(top, g[a]);
    let at = 0;
    while (at < pi.length - 1 && !(pi[at] > 0)) at++;
    const shift = derivative ? mu * unit[active[i]] * derivative(at, pi[at], 1, pi, ctx) : NaN;
    seeds[2 * i] = seeds[2 * i] - shift - top;
  }
}
