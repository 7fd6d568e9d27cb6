/**
 * The root of a continuous nonincreasing function f on [lo, hi] with f(lo) ≥ 0 ≥ f(hi), by bisection down to adjacent
 * doubles (so to machine precision, in at most ~1100 halvings and usually ~60). Returns the bracket end with f ≥ 0
 * and the one with f ≤ 0.
 */
export function decreasingRoot(f: (x: number) => number, lo: number, hi: number): { lo: number; hi: number } {
  for (let i = 0; i < 2000; i++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (f(mid) >= 0) lo = mid;
    else hi = mid;
  }
  return { lo, hi };
}
