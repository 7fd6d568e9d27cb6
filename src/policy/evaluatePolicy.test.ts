import type { Fraction } from 'mathjs';
import { exactFraction as f } from '../numeric/exactFraction.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Mdp } from '../mdp/mdp.js';
import { parseMdp } from '../mdp/parseMdp.js';
import { mdpWithPolicies } from '../mdp/arbitraries/mdpWithPolicies.js';
import { evaluatePolicy, PolicyEvaluator } from './evaluatePolicy.js';
import { uniformPolicy } from './policy.js';
import { tabularGame } from '../mdp/environments/tabularGame.js';

/** Exact V_π by Gauss–Jordan elimination in rational arithmetic (mathjs Fraction): (I − γP_π)V = r_π. */
function exactValues(mdp: Mdp, pi: Float64Array): Fraction[] {
  const { numStates: S, numActions: A } = mdp;
  const gamma = f(mdp.gamma);
  const rows: Fraction[][] = [];
  for (let s = 0; s < S; s++) {
    const row: Fraction[] = Array.from({ length: S + 1 }, () => f(0));
    for (let a = 0; a < A; a++) {
      const w = f(pi[s * A + a]);
      row[S] = row[S].add(w.mul(f(mdp.reward[s * A + a])));
      for (let t = 0; t < S; t++) row[t] = row[t].sub(gamma.mul(w).mul(f(mdp.transition[(s * A + a) * S + t])));
    }
    row[s] = row[s].add(f(1));
    rows.push(row);
  }
  for (let c = 0; c < S; c++) {
    const p = rows.findIndex((r, i) => i >= c && !r[c].equals(0));
    [rows[c], rows[p]] = [rows[p], rows[c]];
    const pivot = rows[c][c];
    rows[c] = rows[c].map((x) => x.div(pivot));
    for (let i = 0; i < S; i++) {
      if (i === c || rows[i][c].equals(0)) continue;
      const k = rows[i][c];
      rows[i] = rows[i].map((x, j) => x.sub(k.mul(rows[c][j])));
    }
  }
  return rows.map((r) => r[S]);
}

describe('evaluatePolicy', () => {
  test('a two-state chain by hand', () => {
    // s0 → s1 with reward 1; s1 absorbing with reward 0; γ = 0.5. V = (1, 0); Q(s0,·) = 1; ρ̄ = (0.5, 0.5) from d = δ₀.
    const mdp = parseMdp({
      format: 'mdp/v1',
      gamma: 0.5,
      initial: [1, 0],
      reward: [[1], [0]],
      transition: [[[0, 1]], [[0, 1]]],
    });
    const ev = evaluatePolicy(mdp, uniformPolicy(2, 1));
    expect(Array.from(ev.v)).toEqual([1, 0]);
    expect(Array.from(ev.visitation)).toEqual([0.5, 0.5]);
    expect(ev.eta).toBe(1);
    expect(Array.from(ev.advantage)).toEqual([0, 0]);
  });

  test('V agrees with exact rational arithmetic within the certified bound (and the bound is tight)', () => {
    fc.assert(
      fc.property(mdpWithPolicies(1, { maxStates: 4, maxActions: 3 }), ({ mdp, policies: [pi] }) => {
        const ev = evaluatePolicy(mdp, pi);
        const exact = exactValues(mdp, pi);
        for (let s = 0; s < mdp.numStates; s++) {
          // Compared exactly: |V(s) − V̂(s)| ≤ errorBound.v in rational arithmetic.
          expect(exact[s].sub(f(ev.v[s])).abs().compare(f(ev.errorBound.v))).toBeLessThanOrEqual(0);
        }
        // Not vacuous: the bound is within a few thousand ulps of the value scale.
        let scale = 1;
        for (const x of mdp.reward) scale = Math.max(scale, Math.abs(x));
        expect(ev.errorBound.v).toBeLessThan((1e4 * 2 ** -52 * scale) / (1 - mdp.gamma));
      }),
      { numRuns: 40 },
    );
  });

  test('an evaluator reused across policies gives the same answers as a fresh one', () => {
    const mdp = tabularGame();
    const evaluator = new PolicyEvaluator(mdp);
    fc.assert(
      fc.property(mdpWithPolicies(0), () => {
        const pi = uniformPolicy(mdp.numStates, mdp.numActions);
        const a = evaluator.evaluate(pi);
        const b = evaluatePolicy(mdp, pi);
        expect(Array.from(a.v)).toEqual(Array.from(b.v));
        expect(Array.from(a.visitation)).toEqual(Array.from(b.visitation));
      }),
      { numRuns: 3 },
    );
  });
});
