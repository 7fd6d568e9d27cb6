/**
 * LU factorisation with partial pivoting of a dense n×n row-major matrix, in place: P·M = L·U, L unit lower
 * triangular (below the diagonal), U upper (on and above it), `perm[i]` = the original row now at row i.
 *
 * Right-looking and blocked: a panel of LU_BLOCK columns is factorised with pivoting, the block row of U is solved,
 * and the trailing matrix gets one rank-LU_BLOCK update by a 4×4 register-blocked kernel (four rows of A₂₂ at a
 * time share each load of U₁₂), which reads and writes each entry of A₂₂ once per block instead of once per column.
 * Measured on this machine's kind (npm run bench): 9.8 ms at n = 500 against 15.7 ms for a rank-8 one-row kernel.
 * For (I − γP_π) the matrix is strictly row diagonally dominant, so pivoting rarely swaps; the a-posteriori residual
 * in evaluatePolicy certifies the result whatever happens here.
 */
export const LU_BLOCK = 4;

/** Factorises `a` (n×n) in place; `perm` (length n) receives the row permutation. Returns false if singular. */
export function luFactor(a: Float64Array, n: number, perm: Int32Array): boolean {
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let k0 = 0; k0 < n; k0 += LU_BLOCK) {
    const kEnd = Math.min(k0 + LU_BLOCK, n);
    if (!factorPanel(a, n, perm, k0, kEnd)) return false;
    if (kEnd === n) break;
    solveBlockRow(a, n, k0, kEnd);
    if (kEnd - k0 === 4) trailingUpdate4(a, n, k0, kEnd);
    else trailingUpdateAny(a, n, k0, kEnd);
  }
  return true;
}

/** Columns k0..kEnd−1, rows k0..n−1: pivot (swapping whole rows), scale L, update only inside the panel. */
function factorPanel(a: Float64Array, n: number, perm: Int32Array, k0: number, kEnd: number): boolean {
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
    const rk = k * n;
    const inv = 1 / a[rk + k];
    for (let i = k + 1; i < n; i++) {
      const ri = i * n;
      const l = (a[ri + k] *= inv);
      if (l === 0) continue;
      for (let j = k + 1; j < kEnd; j++) a[ri + j] -= l * a[rk + j];
    }
  }
  return true;
}

/** Block row of U: rows k0..kEnd−1, columns kEnd..n−1, by forward substitution with the unit L₁₁. */
function solveBlockRow(a: Float64Array, n: number, k0: number, kEnd: number): void {
  for (let k = k0; k < kEnd; k++) {
    const rk = k * n;
    for (let i = k + 1; i < kEnd; i++) {
      const ri = i * n;
      const l = a[ri + k];
      if (l === 0) continue;
      for (let j = kEnd; j < n; j++) a[ri + j] -= l * a[rk + j];
    }
  }
}

/** A₂₂ −= L₂₁·U₁₂ for a block of 4 columns, four rows at a time. */
function trailingUpdate4(a: Float64Array, n: number, k0: number, kEnd: number): void {
  const u0 = k0 * n;
  const u1 = u0 + n;
  const u2 = u1 + n;
  const u3 = u2 + n;
  let i = kEnd;
  for (; i + 3 < n; i += 4) {
    const r0 = i * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    const a0 = a[r0 + k0], a1 = a[r0 + k0 + 1], a2 = a[r0 + k0 + 2], a3 = a[r0 + k0 + 3]; // prettier-ignore
    const b0 = a[r1 + k0], b1 = a[r1 + k0 + 1], b2 = a[r1 + k0 + 2], b3 = a[r1 + k0 + 3]; // prettier-ignore
    const c0 = a[r2 + k0], c1 = a[r2 + k0 + 1], c2 = a[r2 + k0 + 2], c3 = a[r2 + k0 + 3]; // prettier-ignore
    const d0 = a[r3 + k0], d1 = a[r3 + k0 + 1], d2 = a[r3 + k0 + 2], d3 = a[r3 + k0 + 3]; // prettier-ignore
    for (let j = kEnd; j < n; j++) {
      const x0 = a[u0 + j];
      const x1 = a[u1 + j];
      const x2 = a[u2 + j];
      const x3 = a[u3 + j];
      a[r0 + j] -= a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
      a[r1 + j] -= b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
      a[r2 + j] -= c0 * x0 + c1 * x1 + c2 * x2 + c3 * x3;
      a[r3 + j] -= d0 * x0 + d1 * x1 + d2 * x2 + d3 * x3;
    }
  }
  for (; i < n; i++) {
    const ri = i * n;
    const l0 = a[ri + k0], l1 = a[ri + k0 + 1], l2 = a[ri + k0 + 2], l3 = a[ri + k0 + 3]; // prettier-ignore
    for (let j = kEnd; j < n; j++) a[ri + j] -= l0 * a[u0 + j] + l1 * a[u1 + j] + l2 * a[u2 + j] + l3 * a[u3 + j];
  }
}

/** A₂₂ −= L₂₁·U₁₂ for a narrower last block. */
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
