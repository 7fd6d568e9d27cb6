/**
 * LU factorisation with partial pivoting of a dense n×n row-major matrix, in place: P·M = L·U, L unit lower
 * triangular (below the diagonal), U upper (on and above it), `perm[i]` = the original row now at row i.
 *
 * Right-looking and blocked: a panel of BLOCK columns is factorised, the block row of U is solved, and the trailing
 * matrix gets one rank-BLOCK update whose inner loop reads each entry of A₂₂ once per block instead of once per
 * column. For (I − γP_π) the matrix is strictly row diagonally dominant, so pivoting rarely swaps; the a-posteriori
 * residual in evaluatePolicy certifies the result whatever happens here.
 */
export const LU_BLOCK = 8;

/** Factorises `a` (n×n) in place; `perm` (length n) receives the row permutation. Returns false if singular. */
export function luFactor(a: Float64Array, n: number, perm: Int32Array): boolean {
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let k0 = 0; k0 < n; k0 += LU_BLOCK) {
    const kEnd = Math.min(k0 + LU_BLOCK, n);
    // Panel: columns k0..kEnd−1, rows k0..n−1.
    for (let k = k0; k < kEnd; k++) {
      let p = k;
      let best = Math.abs(a[k * n + k]);
      for (let i = k + 1; i < n; i++) {
        const v = Math.abs(a[i * n + k]);
        if (v > best) {
          best = v;
          p = i;
        }
      }
      if (best === 0) return false;
      if (p !== k) {
        const rk = k * n;
        const rp = p * n;
        for (let j = 0; j < n; j++) {
          const t = a[rk + j];
          a[rk + j] = a[rp + j];
          a[rp + j] = t;
        }
        const t = perm[k];
        perm[k] = perm[p];
        perm[p] = t;
      }
      const inv = 1 / a[k * n + k];
      for (let i = k + 1; i < n; i++) {
        const ri = i * n;
        const l = (a[ri + k] *= inv);
        if (l === 0) continue;
        const rk = k * n;
        for (let j = k + 1; j < kEnd; j++) a[ri + j] -= l * a[rk + j];
      }
    }
    if (kEnd === n) break;
    // Block row of U: rows k0..kEnd−1, columns kEnd..n−1, by forward substitution with the unit L₁₁.
    for (let k = k0; k < kEnd; k++) {
      const rk = k * n;
      for (let i = k + 1; i < kEnd; i++) {
        const ri = i * n;
        const l = a[ri + k];
        if (l === 0) continue;
        for (let j = kEnd; j < n; j++) a[ri + j] -= l * a[rk + j];
      }
    }
    // Trailing update A₂₂ −= L₂₁·U₁₂.
    const width = kEnd - k0;
    if (width === LU_BLOCK) trailingUpdate8(a, n, k0, kEnd);
    else trailingUpdateAny(a, n, k0, kEnd);
  }
  return true;
}

function trailingUpdate8(a: Float64Array, n: number, k0: number, kEnd: number): void {
  const u0 = k0 * n;
  const u1 = u0 + n;
  const u2 = u1 + n;
  const u3 = u2 + n;
  const u4 = u3 + n;
  const u5 = u4 + n;
  const u6 = u5 + n;
  const u7 = u6 + n;
  for (let i = kEnd; i < n; i++) {
    const ri = i * n;
    const l0 = a[ri + k0];
    const l1 = a[ri + k0 + 1];
    const l2 = a[ri + k0 + 2];
    const l3 = a[ri + k0 + 3];
    const l4 = a[ri + k0 + 4];
    const l5 = a[ri + k0 + 5];
    const l6 = a[ri + k0 + 6];
    const l7 = a[ri + k0 + 7];
    if (l0 === 0 && l1 === 0 && l2 === 0 && l3 === 0 && l4 === 0 && l5 === 0 && l6 === 0 && l7 === 0) continue;
    for (let j = kEnd; j < n; j++) {
      a[ri + j] -=
        l0 * a[u0 + j] +
        l1 * a[u1 + j] +
        l2 * a[u2 + j] +
        l3 * a[u3 + j] +
        l4 * a[u4 + j] +
        l5 * a[u5 + j] +
        l6 * a[u6 + j] +
        l7 * a[u7 + j];
    }
  }
}

function trailingUpdateAny(a: Float64Array, n: number, k0: number, kEnd: number): void {
  for (let i = kEnd; i < n; i++) {
    const ri = i * n;
    for (let k = k0; k < kEnd; k++) {
      const l = a[ri + k];
      if (l === 0) continue;
      const rk = k * n;
      for (let j = kEnd; j < n; j++) a[ri + j] -= l * a[rk + j];
    }
  }
}

/** Solves M·x = b from the factors of luFactor; `x` may alias `b`. */
export function luSolve(
  lu: Float64Array,
  n: number,
  perm: Int32Array,
  b: Float64Array,
  x: Float64Array,
  work: Float64Array,
): void {
  for (let i = 0; i < n; i++) work[i] = b[perm[i]];
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = work[i];
    for (let k = 0; k < i; k++) s -= lu[ri + k] * work[k];
    work[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    let s = work[i];
    for (let k = i + 1; k < n; k++) s -= lu[ri + k] * work[k];
    work[i] = s / lu[ri + i];
  }
  x.set(work.subarray(0, n));
}

/**
 * Solves Mᵀ·x = b from the factors of luFactor (M = Pᵀ·L·U, so Mᵀ = Uᵀ·Lᵀ·P): Uᵀw = b, Lᵀz = w, x = Pᵀz.
 * Row-oriented sweeps keep every access contiguous. `x` may alias `b`.
 */
export function luSolveTransposed(
  lu: Float64Array,
  n: number,
  perm: Int32Array,
  b: Float64Array,
  x: Float64Array,
  work: Float64Array,
): void {
  work.set(b.subarray(0, n));
  for (let k = 0; k < n; k++) {
    const rk = k * n;
    const w = (work[k] /= lu[rk + k]);
    if (w === 0) continue;
    for (let j = k + 1; j < n; j++) work[j] -= lu[rk + j] * w;
  }
  for (let k = n - 1; k >= 0; k--) {
    const rk = k * n;
    const z = work[k];
    if (z === 0) continue;
    for (let j = 0; j < k; j++) work[j] -= lu[rk + j] * z;
  }
  for (let i = 0; i < n; i++) x[perm[i]] = work[i];
}
