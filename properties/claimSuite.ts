import { afterAll, describe, expect, test } from 'vitest';
import type { Claim } from '../src/suite/claims/claim.js';
import { COUNTEREXAMPLE_DIR, type ClaimRunResult } from '../src/suite/runner/checkClaim.js';
import { suitePlan } from '../src/suite/runner/runSuite.js';
import { runSuiteJob, type SuiteCheck, type SuiteJob } from '../src/suite/runner/suiteJob.js';
import { RUNS_MULTIPLIER, SEED } from './budget.js';

/** Adds up the runs, verdicts and coverage labels of a claim's results. */
function coverage(results: readonly ClaimRunResult[]) {
  const labels: Record<string, number> = {};
  let total = 0;
  let meaningful = 0;
  for (const r of results) {
    total += r.runs;
    meaningful += r.meaningful;
    for (const [k, n] of Object.entries(r.labels)) labels[k] = (labels[k] ?? 0) + n;
  }
  return { configurations: results.length, runs: total, meaningful, labels };
}

/**
 * The property of one claim over the whole valid registry and the random constructions: one test per configuration,
 * each the suite's own job for it (`suitePlan`, `runSuiteJob`: what `mirror-check run` runs on its worker threads), so
 * both see the same verdicts. A violation fails the test with its report's path and replay command, and so does a
 * failed health check. Prints the claim's coverage (runs, verdicts, sizes, γ, policy kinds) when done.
 */
export function claimSuite(claim: Claim): void {
  const jobs = suitePlan(SEED, RUNS_MULTIPLIER, COUNTEREXAMPLE_DIR)
    .flat()
    .filter((j): j is Extract<SuiteJob, { kind: 'claim' }> => j.kind === 'claim' && j.set === 'suite')
    .filter((j) => j.claim === claim.id);
  const results: ClaimRunResult[] = [];
  describe(claim.title, () => {
    test.each(jobs.map((j) => [j.config, j] as const))('%s', (_label, job) => {
      const r = runSuiteJob(job) as SuiteCheck;
      results.push(r);
      const detail =
        r.status === 'violated' && r.report
          ? `${r.report.verdict.inequality}: margin ${r.report.verdict.margin}, error ${r.report.verdict.error} ` +
            `(${r.report.size.states}×${r.report.size.actions}). Report: ${r.reportPath}. Replay: ${r.report.replay}`
          : (r.error ?? '');
      expect(r.status, detail).toBe('holds');
      expect(r.health, r.health ?? '').toBeNull();
    });
    afterAll(() => {
      const c = coverage(results);
      const top = Object.entries(c.labels)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, n]) => `${k} ${n}`)
        .join(', ');
      console.log(
        `[coverage] ${claim.id}: ${c.configurations} configurations, ${c.runs} runs, ${c.meaningful} meaningful; ${top}`,
      );
    });
  });
}
