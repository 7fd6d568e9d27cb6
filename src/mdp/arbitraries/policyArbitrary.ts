import fc from 'fast-check';

/** Where in Π a generated policy lies. */
export type PolicyKind = 'interior' | 'tiny' | 'boundary' | 'deterministic';

/**
 * Builds a policy from integer weights drawn at a maximum size: row s of π uses weights[s*maxA .. s*maxA + A).
 * interior: π(a|s) ∝ 1 + w (full support); boundary: ∝ w (zeros allowed; an all-zero row becomes deterministic);
 * deterministic: the action of largest weight (lowest index on ties); tiny: full support, but the actions of weight 0
 * get 1e-12 (odd weights' rows) or 1e-200 — where the theorems' bounds and the solvers' barriers are tight, and where
 * iterates of real runs live.
 */
export function policyFromWeights(
  weights: readonly number[],
  S: number,
  A: number,
  maxA: number,
  kind: PolicyKind,
): Float64Array {
  const pi = new Float64Array(S * A);
  for (let s = 0; s < S; s++) {
    const w = weights.slice(s * maxA, s * maxA + A);
    if (kind === 'deterministic') {
      let best = 0;
      for (let a = 1; a < A; a++) if (w[a] > w[best]) best = a;
      pi[s * A + best] = 1;
      continue;
    }
    const tinyMass = s % 2 === 0 ? 1e-200 : 1e-12;
    const ws = w.map((x) => (kind === 'interior' ? 1 + x : kind === 'tiny' ? (x === 0 ? tinyMass : x) : x));
    let total = ws.reduce((x, y) => x + y, 0);
    if (total === 0) {
      ws[0] = 1;
      total = 1;
    }
    for (let a = 0; a < A; a++) pi[s * A + a] = ws[a] / total;
  }
  return pi;
}

/** Raw material for a policy on up to maxStates × maxActions: shrinks toward equal weights (uniform) and interior. */
export function policyDrawArbitrary(
  maxStates: number,
  maxActions: number,
): fc.Arbitrary<{ kind: PolicyKind; weights: number[] }> {
  const n = maxStates * maxActions;
  return fc.record({
    kind: fc.constantFrom<PolicyKind>('interior', 'boundary', 'deterministic', 'tiny'),
    weights: fc.array(fc.nat({ max: 6 }), { minLength: n, maxLength: n }),
  });
}

/** Random policies on S × A: interior, on the simplex boundary, or deterministic. */
export function policyArbitrary(S: number, A: number, kinds?: readonly PolicyKind[]): fc.Arbitrary<Float64Array> {
  const draw = policyDrawArbitrary(S, A);
  const arb = kinds ? draw.filter((d) => kinds.includes(d.kind)) : draw;
  return arb.map((d) => policyFromWeights(d.weights, S, A, A, d.kind));
}

/** Random full-support distributions on n points: p ∝ 1 + w with small integer w (rational, so exactly checkable). */
export function fullSupportDistributionArbitrary(n: number): fc.Arbitrary<Float64Array> {
  return fc.array(fc.nat({ max: 9 }), { minLength: n, maxLength: n }).map((w) => {
    const total = w.reduce((x, y) => x + y + 1, 0);
    return Float64Array.from(w, (x) => (x + 1) / total);
  });
}
