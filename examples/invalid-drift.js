/**
 * An invalid drift: total variation, not squared (SPEC §6). Nonnegative and zero at π̄ = π, but its directional
 * derivative at π is 3·½‖v‖₁ ≠ 0, so Definition 1 fails — and mirror learning with it can stop at a non-optimal
 * policy. The gate reports a counterexample and exits 1:
 *   npx mirror-check drift examples/invalid-drift.js
 */
export default {
  name: 'tv-not-squared',
  value(piBar, pi) {
    let l1 = 0;
    for (let a = 0; a < pi.length; a++) l1 += Math.abs(piBar[a] - pi[a]);
    return 3 * 0.5 * l1;
  },
};
