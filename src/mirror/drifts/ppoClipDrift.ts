import type { BaseDrift, DriftContext } from './drift.js';
import { asBase } from './drift.js';

/**
 * PPO-clip drift (Kuba et al. 2022, Section 4, Eq. 7), with r(π̄) = π̄(a|s)/π(a|s):
 *   D_π(π̄|s) = E_{a∼π}[ReLU((r(π̄) − clip(r(π̄), 1−ε, 1+ε)) · A_π(s,a))]
 *            = Σ_{A>0} A_a·max(0, π̄_a − (1+ε)π_a) + Σ_{A<0} |A_a|·max(0, (1−ε)π_a − π̄_a).
 * Zero on a neighbourhood of π̄ = π, convex and piecewise linear in π̄; actions outside supp π carry no penalty.
 * Interior-only: as π(a|s) → 0 the term π_a·ReLU((π̄_a/π_a − 1 − ε)·A_a) tends to π̄_a·A_a, not to the 0 charged at
 * π(a|s) = 0, so D is discontinuous in π at the boundary (found by the Definition 1 property; docs/verification.md).
 *
 * Maximiser of ⟨p,g⟩ − c·D by water-filling: each p_a has a concave piecewise-linear value with at most two slopes
 * (g_a and g_a − c·A_a, the break at (1±ε)π_a); unit mass fills segments in order of decreasing slope
 * (ties: lower action, then earlier segment).
 */
export function ppoClipDrift(epsilon: number): BaseDrift {
  if (!(epsilon > 0 && epsilon < 1)) throw new RangeError(`ppo: epsilon=${epsilon} must be in (0, 1)`);
  return asBase({
    name: `ppo:${epsilon}`,
    convex: true,
    interiorOnly: true,
    value(piBar: Float64Array, pi: Float64Array, ctx: DriftContext): number {
      let d = 0;
      for (let a = 0; a < pi.length; a++) {
        const adv = ctx.advantage[a];
        if (pi[a] === 0 || adv === 0) continue;
        if (adv > 0) d += adv * Math.max(0, piBar[a] - (1 + epsilon) * pi[a]);
        else d += -adv * Math.max(0, (1 - epsilon) * pi[a] - piBar[a]);
      }
      return d;
    },
    gradient(piBar: Float64Array, pi: Float64Array, ctx: DriftContext, out: Float64Array): void {
      for (let a = 0; a < pi.length; a++) {
        const adv = ctx.advantage[a];
        out[a] = 0;
        if (pi[a] === 0 || adv === 0) continue;
        if (adv > 0 && piBar[a] > (1 + epsilon) * pi[a]) out[a] = adv;
        if (adv < 0 && piBar[a] < (1 - epsilon) * pi[a]) out[a] = adv;
      }
    },
    separable: {
      curvature: () => 0,
      kinks(a: number, pi: Float64Array, ctx: DriftContext): number[] {
        const adv = ctx.advantage[a];
        if (pi[a] === 0 || adv === 0) return [];
        const k = (adv > 0 ? 1 + epsilon : 1 - epsilon) * pi[a];
        return k > 0 && k < 1 ? [k] : [];
      },
      term(a: number, x: number, pi: Float64Array, ctx: DriftContext): number {
        const adv = ctx.advantage[a];
        if (pi[a] === 0 || adv === 0) return 0;
        return adv > 0 ? adv * Math.max(0, x - (1 + epsilon) * pi[a]) : -adv * Math.max(0, (1 - epsilon) * pi[a] - x);
      },
      derivative(a: number, x: number, side: 1 | -1, pi: Float64Array, ctx: DriftContext): number {
        const adv = ctx.advantage[a];
        if (pi[a] === 0 || adv === 0) return 0;
        if (adv > 0) {
          const kink = (1 + epsilon) * pi[a];
          return x > kink || (x === kink && side === 1) ? adv : 0;
        }
        const kink = (1 - epsilon) * pi[a];
        return x < kink || (x === kink && side === -1) ? adv : 0;
      },
    },
    maximize(g: Float64Array, c: number, pi: Float64Array, ctx: DriftContext, out: Float64Array): void {
      const segments: { a: number; slope: number; length: number; order: number }[] = [];
      for (let a = 0; a < g.length; a++) {
        const adv = ctx.advantage[a];
        if (pi[a] === 0 || adv === 0) {
          segments.push({ a, slope: g[a], length: Infinity, order: 0 });
        } else if (adv > 0) {
          segments.push({ a, slope: g[a], length: (1 + epsilon) * pi[a], order: 0 });
          segments.push({ a, slope: g[a] - c * adv, length: Infinity, order: 1 });
        } else {
          segments.push({ a, slope: g[a] - c * adv, length: (1 - epsilon) * pi[a], order: 0 });
          segments.push({ a, slope: g[a], length: Infinity, order: 1 });
        }
      }
      segments.sort((x, y) => y.slope - x.slope || x.a - y.a || x.order - y.order);
      out.fill(0);
      let left = 1;
      for (const seg of segments) {
        if (left <= 0) break;
        const take = Math.min(seg.length, left);
        out[seg.a] += take;
        left -= take;
      }
    },
  });
}
