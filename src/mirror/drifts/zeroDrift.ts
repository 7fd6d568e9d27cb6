import { greedy } from '../simplex/greedy.js';
import { asBase } from './drift.js';

/**
 * The trivial drift D ≡ 0 (Kuba et al. 2022, Section 3.1; with N ≡ Π this is generalised policy iteration,
 * Appendix D). Its maximiser is greedy (keeping π when π is already greedy).
 */
export const zeroDrift = asBase({
  name: 'zero',
  convex: true,
  value: () => 0,
  gradient: (_piBar: Float64Array, _pi: Float64Array, _ctx: unknown, out: Float64Array) => out.fill(0),
  maximize: (g: Float64Array, _c: number, pi: Float64Array, _ctx: unknown, out: Float64Array) => greedy(g, out, pi),
});
