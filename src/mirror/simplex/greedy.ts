/**
 * A greedy distribution: all mass on argmax_a g_a. If `keep` (the old distribution) is itself greedy — every action it
 * plays attains max g — it is kept, so that a greedy policy is a fixed point; otherwise the lowest-index argmax.
 */
export function greedy(g: Float64Array, out: Float64Array, keep?: Float64Array): void {
  const A = g.length;
  let best = 0;
  for (let a = 1; a < A; a++) if (g[a] > g[best]) best = a;
  if (keep) {
    let keepIsGreedy = true;
    for (let a = 0; a < A; a++) if (keep[a] > 0 && g[a] < g[best]) keepIsGreedy = false;
    if (keepIsGreedy) {
      out.set(keep);
      return;
    }
  }
  out.fill(0);
  out[best] = 1;
}
