import type { Fraction } from 'mathjs';
import type { Mdp } from '../mdp/mdp.js';
import { exactFraction as f, fractionToNumber } from '../numeric/exactFraction.js';
import { UNIT_ROUNDOFF } from '../numeric/rounding.js';
import type { PolicyEvaluation } from './evaluatePolicy.js';
import type { Policy } from './policy.js';
import type { OptimalSolution } from './policyIteration.js';

/** Solves M x = b exactly by Gauss–Jordan elimination over the rationals (M square, nonsingular). */
function solveExact(m: Fraction[][], b: Fraction[]): Fraction[] {
  const n = b.length;
  const rows = m.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    const p = rows.findIndex((r, i) => i >= c && !r[c].equals(0));
    if (p < 0) throw new RangeError('solveExact: singular system');
    [rows[c], rows[p]] = [rows[p], rows[c]];
    const pivot = rows[c][c];
    rows[c] = rows[c].map((x) => x.div(pivot));
    for (let i = 0; i < n; i++) {
      if (i === c || rows[i][c].equals(0)) continue;
      const k = rows[i][c];
      rows[i] = rows[i].map((x, j) => x.sub(k.mul(rows[c][j])));
    }
  }
  return rows.map((r) => r[n]);
}

/** A rational rounded to the nearest double, with the bound u·|x| on the rounding (plus underflow). */
const toDouble = (x: Fraction) => fractionToNumber(x);
const roundingOf = (x: number) => 2 * UNIT_ROUNDOFF * Math.abs(x) + Number.MIN_VALUE;

/**
 * Policy evaluation in exact rational arithmetic (mathjs Fraction over BigInt): V_π = (I − γP_π)⁻¹ r_π,
 * Q_π = r + γPV_π, ρ̄_πᵀ = (1−γ)dᵀ(I − γP_π)⁻¹, η = dᵀV_π, each rounded once to a double; the error bounds are that one
 * rounding. The policy's rows are taken as the rationals the doubles are. Used to confirm counterexamples: a verdict
 * that stays `violated` with these evaluations does not depend on the floating-point solver. Cost O(S³) rational
 * operations: for the small MDPs counterexamples shrink to.
 */
export function evaluateExactly(mdp: Mdp, pi: Policy): PolicyEvaluation {
  const { numStates: S, numActions: A } = mdp;
  const gamma = f(mdp.gamma);
  const m: Fraction[][] = [];
  const r: Fraction[] = [];
  const P = (s: number, a: number, t: number) => f(mdp.transition[(s * A + a) * S + t]);
  for (let s = 0; s < S; s++) {
    const row: Fraction[] = Array.from({ length: S }, (_, t) => f(t === s ? 1 : 0));
    let rs = f(0);
    for (let a = 0; a < A; a++) {
      const w = pi[s * A + a];
      if (w === 0) continue;
      const wf = f(w);
      rs = rs.add(wf.mul(f(mdp.reward[s * A + a])));
      for (let t = 0; t < S; t++) {
        const p = mdp.transition[(s * A + a) * S + t];
        if (p !== 0) row[t] = row[t].sub(gamma.mul(wf).mul(P(s, a, t)));
      }
    }
    m.push(row);
    r.push(rs);
  }
  const vExact = solveExact(m, r);
  const transposed = Array.from({ length: S }, (_, i) => Array.from({ length: S }, (_, j) => m[j][i]));
  const oneMinusGamma = f(1).sub(gamma);
  const rhoExact = solveExact(
    transposed,
    Array.from({ length: S }, (_, s) => oneMinusGamma.mul(f(mdp.initial[s]))),
  );
  const q = new Float64Array(S * A);
  const v = Float64Array.from(vExact, toDouble);
  const advantage = new Float64Array(S * A);
  let errQ = 0;
  let errA = 0;
  for (let s = 0; s < S; s++) {
    for (let a = 0; a < A; a++) {
      let x = f(mdp.reward[s * A + a]);
      for (let t = 0; t < S; t++) {
        const p = mdp.transition[(s * A + a) * S + t];
        if (p !== 0) x = x.add(gamma.mul(P(s, a, t)).mul(vExact[t]));
      }
      q[s * A + a] = toDouble(x);
      errQ = Math.max(errQ, roundingOf(q[s * A + a]));
      advantage[s * A + a] = toDouble(x.sub(vExact[s]));
      errA = Math.max(errA, roundingOf(advantage[s * A + a]));
    }
  }
  let etaExact = f(0);
  for (let s = 0; s < S; s++) etaExact = etaExact.add(f(mdp.initial[s]).mul(vExact[s]));
  const visitation = Float64Array.from(rhoExact, toDouble);
  let errV = 0;
  let errRho = 0;
  for (let s = 0; s < S; s++) {
    errV = Math.max(errV, roundingOf(v[s]));
    errRho += roundingOf(visitation[s]);
  }
  const eta = toDouble(etaExact);
  return {
    v,
    q,
    advantage,
    visitation,
    eta,
    errorBound: { v: errV, q: errQ, advantage: errA, visitation: errRho, eta: roundingOf(eta) },
  };
}

/** An evaluator with the PolicyEvaluator interface that evaluates exactly. */
export class ExactEvaluator {
  constructor(readonly mdp: Mdp) {}
  evaluate(pi: Policy): PolicyEvaluation {
    return evaluateExactly(this.mdp, pi);
  }
}

/**
 * The optimum with V*, Q*, η* replaced by the exact values of its policy (rounded once). V_{π*} ≤ V* exactly, so a
 * violation that survives this is not an artefact of the floating-point optimum.
 */
export function exactOptimum(mdp: Mdp, optimum: OptimalSolution): OptimalSolution {
  const e = evaluateExactly(mdp, optimum.policy);
  return {
    ...optimum,
    vStar: e.v,
    qStar: e.q,
    etaStar: e.eta,
    errorBound: { v: e.errorBound.v, q: e.errorBound.q, eta: e.errorBound.eta },
  };
}
