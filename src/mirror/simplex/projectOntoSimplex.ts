/**
 * Weighted Euclidean projection onto the simplex, exact by sorting (Held, Wolfe & Crowder 1974; Duchi et al. 2008 for
 * unit weights): out_a = w_a · max(0, y_a − θ) with θ such that Σ_a out_a = 1. With w = 1 this is argmin ‖p − y‖² over
 * P(A). Entries with w_a = 0 get 0. Requires Σ w > 0.
 * Works relative to max_a y_a (θ' = θ − max y): when y is huge (π + g/(2c) for a tiny c) the unit mass would be below
 * the spacing of doubles at y and vanish; relative to the maximum it does not, and the answer is the greedy one.
 */
export function projectOntoSimplex(y: Float64Array, w: Float64Array | null, out: Float64Array): void {
  const A = y.length;
  // The actions with w_a > 0 by y descending, ties by index: insertion sort into one scratch array (A is small, and
  // this runs for every state of every update of an L2 drift).
  if (scratchOrder.length < A) scratchOrder = new Int32Array(Math.max(A, 2 * scratchOrder.length));
  const order = scratchOrder;
  let count = 0;
  for (let a = 0; a < A; a++) {
    if (w && !(w[a] > 0)) continue;
    let k = count++;
    while (k > 0 && y[order[k - 1]] < y[a]) {
      order[k] = order[k - 1];
      k--;
    }
    order[k] = a;
  }
  const top = count ? y[order[0]] : 0;
  let sumWY = 0;
  let sumW = 0;
  let theta = 0;
  for (let k = 0; k < count; k++) {
    const a = order[k];
    const wa = w ? w[a] : 1;
    const nextSumWY = sumWY + wa * (y[a] - top);
    const nextSumW = sumW + wa;
    const t = (nextSumWY - 1) / nextSumW;
    if (k > 0 && y[a] - top <= t) break;
    sumWY = nextSumWY;
    sumW = nextSumW;
    theta = t;
  }
  let total = 0;
  for (let a = 0; a < A; a++) {
    const wa = w ? w[a] : 1;
    out[a] = wa > 0 ? wa * Math.max(0, y[a] - top - theta) : 0;
    total += out[a];
  }
  for (let a = 0; a < A; a++) out[a] /= total;
}

let scratchOrder = new Int32Array(16);
