import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Claim, ClaimCase } from '../src/suite/claims/claim.js';
import { healthProblem, runsFor } from '../src/suite/runner/health.js';
import { claimEntries } from '../src/suite/runner/claimEntries.js';
import type { RegisteredConfig } from '../src/suite/configs/configSpec.js';
import { loadReport } from '../src/suite/report/replay.js';
import { checkClaim, type ClaimRunResult } from '../src/suite/runner/checkClaim.js';
import { RUNS_MULTIPLIER, SEED } from './budget.js';

/** Committed regressions (fixtures/counterexamples/*.json) for a claim and configuration, as fast-check examples. */
export function regressionsFor(claim: Claim, entry: RegisteredConfig): ClaimCase[] {
  const dir = join('fixtures', 'counterexamples');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files
    .map((f) => loadReport(join(dir, f)))
    .filter((r) => r.claim.id === claim.id && r.entry.label === entry.label)
    .map((r) => r.case);
}

/**
 * When `mirror-check run` drives the suite it sets MIRROR_CHECK_RESULTS_DIR: each result is appended there as one JSON
 * line (per worker process), for its summary.
 */
function recordResult(r: ClaimRunResult): void {
  const dir = process.env.MIRROR_CHECK_RESULTS_DIR;
  if (!dir) return;
  const { report, ...rest } = r;
  const line = {
    ...rest,
    verdict: report?.verdict ?? null,
    replay: report?.replay ?? null,
    size: report?.size ?? null,
  };
  appendFileSync(join(dir, `results-${process.pid}.jsonl`), JSON.stringify(line) + '\n');
}

/** Adds up the runs, verdicts and coverage labels of a claim's results. */
export function coverage(results: readonly ClaimRunResult[]) {
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
 * The property of one claim over the whole valid registry: one test per configuration, each `runs(claim.baseRuns)`
 * generated cases plus the committed regressions; a violation fails the test with its report's path and replay command.
 * Prints the claim's coverage (runs, verdicts, sizes, γ, policy kinds) when done.
 */
export function claimSuite(claim: Claim, configs?: readonly RegisteredConfig[]): void {
  const entries = configs ? configs.filter((e) => claim.applies(e)) : claimEntries(claim);
  const results: ClaimRunResult[] = [];
  describe(claim.title, () => {
    test.each(entries.map((e) => [e.label, e] as const))('%s', (_label, entry) => {
      const r = checkClaim(claim, entry, {
        numRuns: runsFor(claim, entry, RUNS_MULTIPLIER),
        seed: SEED,
        examples: regressionsFor(claim, entry),
      });
      results.push(r);
      recordResult(r);
      const detail =
        r.status === 'violated'
          ? `${r.report!.verdict.inequality}: margin ${r.report!.verdict.margin}, error ${r.report!.verdict.error} ` +
            `(${r.report!.size.states}×${r.report!.size.actions}). Report: ${r.reportPath}. Replay: ${r.report!.replay}`
          : (r.error ?? '');
      expect(r.status, detail).toBe('holds');
      const unhealthy = healthProblem(claim, entry, r);
      expect(unhealthy, unhealthy ?? '').toBeNull();
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
