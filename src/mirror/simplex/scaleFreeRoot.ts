import { bracketRoot, type Bracket } from './bracketRoot.js';

/**
 * The root of a nonincreasing f on [lo, hi] (f(lo) ≥ 0 ≥ f(hi)) to full *relative* precision, also when it lies
 * within a few ulps of 0 or spans many orders of magnitude: the sign of the root from f(0), then its binary exponent
 * by bisection over exponents, then bracketRoot inside [2^k, 2^(k+1)] (or the mirror image for a negative root).
 * Plain bisection on [lo, hi] resolves only |hi − lo|·2⁻⁵³, which is not enough when the root is 1e-32 and hi is 1.
 */
export function scaleFreeRoot(f: (x: number) => number, lo: number, hi: number): Bracket {
  if (!(lo < 0 && hi > 0) && !(lo >= 0) && !(hi <= 0)) return bracketRoot(f, lo, hi);
  if (lo < 0 && hi > 0) {
    const f0 = f(0);
    if (f0 === 0) return { lo: 0, hi: 0, flo: 0, fhi: 0 };
    if (f0 > 0) return positive(f, hi);
    const m = positive((x) => -f(-x), -lo);
    return { lo: -m.hi, hi: -m.lo, flo: -m.fhi, fhi: -m.flo };
  }
  if (lo >= 0) return lo === 0 ? positive(f, hi) : bracketRoot(f, lo, hi);
  const m = hi === 0 ? positive((x) => -f(-x), -lo) : bracketRoot((x) => -f(-x), -hi, -lo);
  return { lo: -m.hi, hi: -m.lo, flo: -m.fhi, fhi: -m.flo };
}

/** Root in (0, hi] of a nonincreasing f with f(0⁺) ≥ 0 (assumed) ≥ f(hi). */
function positive(f: (x: number) => number, hi: number): Bracket {
  const fTiny = f(Number.MIN_VALUE);
  if (!(fTiny >= 0)) return { lo: 0, hi: Number.MIN_VALUE, flo: 0, fhi: fTiny };
  let kLo = -1074;
  let kHi = Math.ceil(Math.log2(hi));
  if (f(2 ** kHi) >= 0) return bracketRoot(f, 2 ** kHi, hi);
  while (kHi - kLo > 1) {
    const k = Math.floor((kLo + kHi) / 2);
    if (f(2 ** k) >= 0) kLo = k;
    else kHi = k;
  }
  return bracketRoot(f, 2 ** kLo, Math.min(2 ** kHi, hi));
}
