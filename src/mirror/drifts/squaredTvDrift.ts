import { asBase } from './drift.js';
import { totalVariationDistance } from './totalVariationDistance.js';

/**
 * Squared total-variation drift D_π(π̄|s) = (½‖π̄(·|s) − π(·|s)‖₁)² (Kuba et al. 2022, Section 7). Convex; its
 * derivative at π is 0 because the square flattens the kink (TV itself is not a drift: see docs/verification.md, "Teeth").
 *
 * Maximiser of ⟨p,g⟩ − c·t² with t = ½‖p − π‖₁: for a given t the best p moves mass t to a* = argmax g (lowest index)
 * from the actions of lowest g first, so the value h(t) is concave piecewise linear with slopes g* − g_j; the optimum
 * is where the slope step function meets 2ct. Actions tied with g* are never drained (slope 0).
 */
export const squaredTvDrift = asBase({
  name: 'tv2',
  convex: true,
  value(piBar: Float64Array, pi: Float64Array): number {
    let d = 0;
    for (let a = 0; a < pi.length; a++) d += Math.abs(piBar[a] - pi[a]);
    return (d / 2) ** 2;
  },
  gradient(piBar: Float64Array, pi: Float64Array, _ctx: unknown, out: Float64Array): void {
    let t = 0;
    for (let a = 0; a < pi.length; a++) t += Math.abs(piBar[a] - pi[a]);
    t /= 2;
    for (let a = 0; a < pi.length; a++) out[a] = t * Math.sign(piBar[a] - pi[a]);
  },
  quadratic: { inner: totalVariationDistance, scale: () => 1 },
  maximize(g: Float64Array, c: number, pi: Float64Array, _ctx: unknown, out: Float64Array): void {
    const A = g.length;
    let best = 0;
    for (let a = 1; a < A; a++) if (g[a] > g[best]) best = a;
    // The actions to drain, by g ascending (ties: the higher index first), by insertion into one scratch array.
    if (scratchDrain.length < A) scratchDrain = new Int32Array(Math.max(A, 2 * scratchDrain.length));
    const drain = scratchDrain;
    let count = 0;
    for (let a = A - 1; a >= 0; a--) {
      if (a === best || !(pi[a] > 0) || !(g[a] < g[best])) continue;
      let k = count++;
      while (k > 0 && g[drain[k - 1]] > g[a]) {
        drain[k] = drain[k - 1];
        k--;
      }
      drain[k] = a;
    }
    let t = 0;
    let cumulative = 0;
    for (let i = 0; i < count; i++) {
      const a = drain[i];
      const slope = g[best] - g[a];
      const stop = slope / (2 * c);
      if (stop <= cumulative) break;
      if (stop <= cumulative + pi[a]) {
        t = stop;
        break;
      }
      cumulative += pi[a];
      t = cumulative;
    }
    out.set(pi);
    let left = t;
    for (let i = 0; i < count; i++) {
      const a = drain[i];
      if (left <= 0) break;
      const take = Math.min(pi[a], left);
      out[a] = pi[a] - take;
      left -= take;
    }
    out[best] = pi[best] + t;
  },
});

let scratchDrain = new Int32Array(16);
