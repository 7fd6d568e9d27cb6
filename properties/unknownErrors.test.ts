/**
 * No pass from an unknown error, in every claim: over generated cases of every claim on configurations whose solvers
 * certify nothing (a value-only drift: the generic solver; `logratio2`, not convex) and on certified ones, a verdict
 * that holds has a finite certified error — never a pass resting on ∞ or NaN (docs/verification.md, issue "No pass without
 * evidence").
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Drift } from '../src/mirror/drifts/drift.js';
import { CLAIMS } from '../src/suite/claims/index.js';
import { resolveConfig } from '../src/suite/configs/configSpec.js';
import { claimSeed } from '../src/suite/runner/checkClaim.js';
import { runs, SEED } from './budget.js';

/** ‖π̄ − π‖², value only: a user's drift as the engine sees it. */
const valueOnly: Drift = {
  name: 'expr:value-only-l2',
  value(piBar, pi) {
    let d = 0;
    for (let a = 0; a < pi.length; a++) d += (piBar[a] - pi[a]) ** 2;
    return 5 * d;
  },
};
const CONFIGS = [
  resolveConfig({ drift: valueOnly.name }, { [valueOnly.name]: valueOnly }),
  resolveConfig({ drift: valueOnly.name, neighbourhood: 'kl-ball:0.05' }, { [valueOnly.name]: valueOnly }),
  resolveConfig({ drift: 'logratio2', neighbourhood: 'drift-ball:0.05', sampling: 'visitation', nu: 'visitation' }),
  resolveConfig({ drift: 'kl', neighbourhood: 'l2-state-ball:0.1' }),
];

describe.each(CONFIGS.map((e) => [e.label, e] as const))('%s', (_label, entry) => {
  test.each(CLAIMS.filter((c) => c.applies(entry)).map((c) => [c.id, c] as const))(
    '%s: no verdict holds with an unknown error',
    (_id, claim) => {
      const cases = fc.sample(claim.arbitrary(entry, {}), { numRuns: runs(4), seed: claimSeed(SEED, claim, entry) });
      for (const c of cases) {
        const v = claim.check(entry, c);
        if (v.status === 'holds') expect(Number.isFinite(v.error), `${v.inequality}: error ${v.error}`).toBe(true);
      }
    },
  );
});
