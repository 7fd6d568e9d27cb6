/**
 * The TRL investigation (docs/verification.md): TRL's ν is a Dirac at the state of largest drift, so it depends on π̄.
 * Theorem 1 assumes nothing of the kind is harmful, but Lemma 2's proof reverts one state of π_new to π_old and
 * assumes the penalty at the other states is unchanged — with ν = Dirac(s_max) it is not. Evidence:
 * - Lemma 2 fails: a committed 2-state counterexample (fixtures/counterexamples) replays, and random search finds one;
 * - so does the per-state bound of Eq. 14 (a committed 3-state counterexample replays);
 * - yet monotonic improvement (Theorem 1.1's η bound), convergence and Inequality (9) hold on every run we tried.
 */
import { describe, expect, test } from 'vitest';
import { caseStep, lemma2Claim, inequality9Claim, theorem1_2Claim, updateClaim } from '../src/suite/claims/index.js';
import { checkLemma2 } from '../src/verify/lemma2.js';
import { theorem1ImprovementParts } from '../src/verify/theorem1.1.js';
import { loadReport, replayReport } from '../src/suite/report/replay.js';
import { INVESTIGATED_CONFIGS } from '../src/suite/configs/registry.js';
import { checkClaim } from '../src/suite/runner/checkClaim.js';
import { runs, SEED } from './budget.js';
import { regressionsFor } from '../src/suite/runner/regressions.js';

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

  test('Eq. 14 (the per-state bound of Theorem 1.1) is violated, as Condition 4 is (committed case)', () => {
    // The claim weakens Theorem 1.1 by the measured Condition 4 deficits (Lemma 2's to report), so the deficit is within
    // its allowance there (undecided); against the epigraph solver's certificate alone Eq. 14 fails outright.
    const loaded = loadReport('fixtures/counterexamples/theorem-1.1-trl-eq14.json');
    expect(loaded.entry.label).toBe('trl');
    expect(replayReport(loaded).status).toBe('undecided');
    const step = caseStep(loaded.entry, loaded.case);
    const v = theorem1ImprovementParts(step, 'certificate').perState;
    expect(v.status).toBe('violated');
    expect(v.inequality).toContain('Eq. 14');
    expect(checkLemma2(step).status).toBe('violated');
  });

  const etaBound = updateClaim(
    'theorem-1.1-eta',
    'Theorem 1.1, η bound only',
    'Kuba et al. 2022, Theorem 1.1',
    100,
    (step) => theorem1ImprovementParts(step).eta,
  );

  test.each([etaBound, theorem1_2Claim, inequality9Claim].map((c) => [c.id, c] as const))(
    '%s still holds',
    (_id, claim) => {
      // 100 runs each: with γ drawn up to 0.9999, most 20-iteration TRL runs end short of V* (`undecided`: slow is not
      // stuck), and 40 runs left only 8 decided ones.
      const r = checkClaim(claim, trl, { numRuns: runs(100), seed: SEED, reportDir: null });
      console.log(`[trl] ${claim.id}: ${r.status}, ${r.runs} runs, ${JSON.stringify(r.verdicts)}`);
      expect(r.status, r.report ? JSON.stringify(r.report.verdict) : (r.error ?? '')).toBe('holds');
      // Enough cases inside the hypotheses (a boundary π_0 puts the KL drift outside them) for the result to mean something.
      expect(r.verdicts.holds).toBeGreaterThanOrEqual(10);
    },
  );
});
