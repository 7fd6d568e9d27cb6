/** A bracket [lo, hi] of a root of a nonincreasing f, with f(lo) ≥ 0 ≥ f(hi). */
export interface Bracket {
  lo: number;
  hi: number;
  flo: number;
  fhi: number;
}

/**
 * The root of a nonincreasing function f on [lo, hi] with f(lo) ≥ 0 ≥ f(hi): Illinois false position (superlinear on
 * smooth f), safeguarded by bisection whenever a step fails to halve the bracket (so step functions and infinite
 * values converge too). Stops at adjacent doubles, at an exact zero, or when `done(bracket)` says so.
 */
export function bracketRoot(
  f: (x: number) => number,
  lo: number,
  hi: number,
  done?: (b: Bracket) => boolean,
  flo = f(lo),
  fhi = f(hi),
): Bracket {
  const b: Bracket = { lo, hi, flo, fhi };
  let side = 0;
  let widthAtCheck = hi - lo;
  let steps = 0;
  let bisect = false;
  for (let i = 0; i < 400; i++) {
    if (b.flo === 0) return { lo: b.lo, hi: b.lo, flo: 0, fhi: 0 };
    if (b.fhi === 0) return { lo: b.hi, hi: b.hi, flo: 0, fhi: 0 };
    if (done?.(b)) return b;
    const mid = b.lo + (b.hi - b.lo) / 2;
    if (mid <= b.lo || mid >= b.hi) return b;
    let x = mid;
    let falsePosition = false;
    if (!bisect && Number.isFinite(b.flo) && Number.isFinite(b.fhi)) {
      const t = b.lo + (b.hi - b.lo) * (b.flo / (b.flo - b.fhi));
      if (t > b.lo && t < b.hi) {
        x = t;
        falsePosition = true;
      }
    }
    const fx = f(x);
    if (fx >= 0) {
      b.lo = x;
      b.flo = fx;
      if (falsePosition && side === 1) b.fhi /= 2; // Illinois: the stale end's value is halved
      side = 1;
    } else {
      b.hi = x;
      b.fhi = fx;
      if (falsePosition && side === -1) b.flo /= 2;
      side = -1;
    }
    // Safeguard: every two steps the bracket must have halved, else the next step bisects.
    steps += 1;
    bisect = false;
    if (steps === 2) {
      bisect = b.hi - b.lo > widthAtCheck / 2;
      widthAtCheck = b.hi - b.lo;
      steps = 0;
    }
  }
  return b;
}
