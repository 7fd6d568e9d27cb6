/**
 * Engine property: the performance-difference identity (docs/verification.md; the exact identity behind Lemma 1 with a zero drift),
 * for any pair of policies:
 *   (I − γP_{π̄})(V_{π̄} − V_π) = E_{a∼π̄}[A_π(·,a)]   at every state, and
 *   η(π̄) − η(π) = (1/(1−γ)) · E_{s∼ρ̄_{π̄}} E_{a∼π̄}[A_π(s,a)].
 */
import { test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { mdpWithPolicies } from '../src/mdp/arbitraries/mdpWithPolicies.js';
import { roundingAllowance } from '../src/numeric/rounding.js';
import { evaluatePolicy } from '../src/policy/evaluatePolicy.js';
import { runs } from './budget.js';
import { applyIMinusGammaPPi, maxAbs } from './engineBounds.js';

test.prop([mdpWithPolicies(2)], { numRuns: runs(300) })(
  'performance-difference identity',
  ({ mdp, policies: [pi, piBar] }) => {
    const { numStates: S, numActions: A, gamma } = mdp;
    const old = evaluatePolicy(mdp, pi);
    const bar = evaluatePolicy(mdp, piBar);
    const diff = new Float64Array(S);
    for (let s = 0; s < S; s++) diff[s] = bar.v[s] - old.v[s];
    const { y, rounding } = applyIMinusGammaPPi(mdp.transition, piBar, S, A, gamma, diff);
    const diffRounding = roundingAllowance(1, maxAbs(bar.v) + maxAbs(old.v));
    const lhsError = (1 + gamma) * (bar.errorBound.v + old.errorBound.v + diffRounding) + rounding;
    let weighted = 0;
    let weightedError = 0;
    for (let s = 0; s < S; s++) {
      let rhs = 0;
      let mag = 0;
      for (let a = 0; a < A; a++) {
        rhs += piBar[s * A + a] * old.advantage[s * A + a];
        mag += piBar[s * A + a] * Math.abs(old.advantage[s * A + a]);
      }
      const rhsError = old.errorBound.advantage + roundingAllowance(A, mag);
      expect(Math.abs(y[s] - rhs)).toBeLessThanOrEqual(lhsError + rhsError);
      weighted += bar.visitation[s] * rhs;
      weightedError += bar.visitation[s] * rhsError;
    }
    // η form: ρ̄ carries an ℓ1 error, which multiplies ‖E_{π̄}A_π‖∞.
    let maxRhs = 0;
    for (let s = 0; s < S; s++) {
      let rhs = 0;
      for (let a = 0; a < A; a++) rhs += piBar[s * A + a] * old.advantage[s * A + a];
      maxRhs = Math.max(maxRhs, Math.abs(rhs));
    }
    const etaError =
      bar.errorBound.eta +
      old.errorBound.eta +
      roundingAllowance(1, Math.abs(bar.eta) + Math.abs(old.eta)) +
      (weightedError + bar.errorBound.visitation * maxRhs + roundingAllowance(S + 2, maxRhs * 2)) / (1 - gamma);
    expect(Math.abs(bar.eta - old.eta - weighted / (1 - gamma))).toBeLessThanOrEqual(etaError);
  },
);
