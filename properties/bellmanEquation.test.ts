/**
 * Engine property: the Bellman expectation equation V_π = r_π + γ P_π V_π (Kuba et al. 2022, Section 2) holds for the computed V̂ within
 * its certified bound: |(I − γP_π)V̂ − r_π| ≤ (1+γ)·errV + rounding.
 */
import { test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { mdpWithPolicies } from '../src/mdp/arbitraries/mdpWithPolicies.js';
import { roundingAllowance } from '../src/numeric/rounding.js';
import { evaluatePolicy } from '../src/policy/evaluatePolicy.js';
import { runs } from './budget.js';
import { applyIMinusGammaPPi } from './engineBounds.js';

test.prop([mdpWithPolicies(1)], { numRuns: runs(300) })(
  'Bellman expectation equation within the certified bound',
  ({ mdp, policies: [pi] }) => {
    const { numStates: S, numActions: A, gamma } = mdp;
    const ev = evaluatePolicy(mdp, pi);
    const { y, rounding } = applyIMinusGammaPPi(mdp.transition, pi, S, A, gamma, ev.v);
    for (let s = 0; s < S; s++) {
      let rPi = 0;
      let absR = 0;
      for (let a = 0; a < A; a++) {
        rPi += pi[s * A + a] * mdp.reward[s * A + a];
        absR += pi[s * A + a] * Math.abs(mdp.reward[s * A + a]);
      }
      const tolerance = (1 + gamma) * ev.errorBound.v + rounding + roundingAllowance(A + 1, absR + Math.abs(y[s]));
      expect(Math.abs(y[s] - rPi)).toBeLessThanOrEqual(tolerance);
    }
  },
);
