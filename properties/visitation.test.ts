/**
 * Engine properties of the normalised discounted visitation ρ̄_πᵀ = (1−γ)dᵀ(I − γP_π)⁻¹ (Kuba et al. 2022, Section 2):
 * it sums to 1, and ρ̄_π(s) ≥ (1−γ)d(s), both within its certified ℓ1 error.
 */
import { test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { mdpWithPolicies } from '../src/mdp/arbitraries/mdpWithPolicies.js';
import { roundingAllowance } from '../src/numeric/rounding.js';
import { evaluatePolicy } from '../src/policy/evaluatePolicy.js';
import { runs } from './budget.js';

test.prop([mdpWithPolicies(1)], { numRuns: runs(300) })('ρ̄ sums to 1 and ρ̄ ≥ (1−γ)d', ({ mdp, policies: [pi] }) => {
  const ev = evaluatePolicy(mdp, pi);
  const err = ev.errorBound.visitation;
  let total = 0;
  for (let s = 0; s < mdp.numStates; s++) {
    total += ev.visitation[s];
    expect(ev.visitation[s] - (1 - mdp.gamma) * mdp.initial[s]).toBeGreaterThanOrEqual(
      -(err + roundingAllowance(2, mdp.initial[s])),
    );
  }
  expect(Math.abs(total - 1)).toBeLessThanOrEqual(
    err + roundingAllowance(mdp.numStates + 1, total) + roundingAllowance(mdp.numStates, 1),
  );
  // Not vacuous: the certified error is at rounding level, not of order 1.
  expect(err).toBeLessThan(1e-9);
});
