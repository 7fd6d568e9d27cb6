/**
 * The TRL investigation (docs/verification.md): TRL's ν is a Dirac at the state of largest drift, so it depends on π̄.
 * Theorem 1 assumes nothing of the kind is harmful, but Lemma 2's proof reverts one state of π_new to π_old and
 * assumes the penalty at the other states is unchanged — with ν = Dirac(s_max) it is not. Evidence:
 * - Lemma 2 fails: a committed 2-state counterexample (fixtures/counterexamples) replays, and random search finds one;
 * - yet monotonic improvement (Theorem 1.1's η bound), convergence and Inequality (9) hold on every run we tried.
 */
import { describe, expect, test } from 'vitest';
import {
  lemma2Claim,
  pathWeightClaim,
  theorem1ConvergenceClaim,
  theorem1ImprovementClaim,
} from '../src/verify/claims/index.js';
import { INVESTIGATED_CONFIGS } from '../src/verify/configs/registry.js';
import { checkClaim } from '../src/verify/runner/checkClaim.js';
import { runs, SEED } from './budget.js';
import { regressionsFor } from './claimSuite.js';

const trl = INVESTIGATED_CONFIGS.find((e) => e.label === 'trl')!;

describe('TRL (ν depends on π̄)', () => {
  test('Lemma 2 is violated: Condition 4 fails at the max-drift state (committed counterexample replays)', () => {
    const examples = regressionsFor(lemma2Claim, trl);
    expect(examples.length).toBeGreaterThan(0);
    const r = checkClaim(lemma2Claim, trl, { numRuns: 1, seed: SEED, examples, reportDir: null });
    expect(r.status).toBe('violated');
    expect(r.report!.size).toEqual({ states: 2, actions: 2 });
    expect(r.report!.confirmation.confirmed).toBe(true);
  });

  test('random search finds a Lemma 2 violation on its own', () => {
    const r = checkClaim(lemma2Claim, trl, { numRuns: runs(60), seed: 7, reportDir: null });
    expect(r.status).toBe('violated');
  });

  test.each([theorem1ImprovementClaim, theorem1ConvergenceClaim, pathWeightClaim].map((c) => [c.id, c] as const))(
    '%s still holds',
    (_id, claim) => {
      const r = checkClaim(claim, trl, { numRuns: runs(40), seed: SEED, reportDir: null });
      console.log(`[trl] ${claim.id}: ${r.status}, ${r.runs} runs, ${JSON.stringify(r.verdicts)}`);
      expect(r.status, r.report ? JSON.stringify(r.report.verdict) : (r.error ?? '')).toBe('holds');
      // Enough cases inside the hypotheses (a boundary π_0 puts the KL drift outside them) for the result to mean something.
      expect(r.verdicts.holds).toBeGreaterThanOrEqual(10);
    },
  );
});
