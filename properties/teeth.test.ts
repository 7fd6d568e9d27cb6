/**
 * Teeth: every deliberately invalid construction (src/suite/configs/teeth.ts, docs/verification.md "Teeth") and every
 * engine mutant (src/suite/configs/mutants.ts) is caught within the default budget — some claim is violated — with a
 * small, confirmed report that replays. And each claim has teeth of its own: with the axiom claims (Definitions 1–2,
 * the sampling claim) switched off, every theorem claim catches at least one construction or mutant by itself, and
 * the identities and estimators, which hold for any drift, catch engine mutants. The jobs and the judgement are the
 * suite's own (`suitePlan`, `judgeTeeth`), as `mirror-check run` runs them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { suitePlan } from '../src/suite/runner/runSuite.js';
import { runSuiteJob, type SuiteCheck, type SuiteJob } from '../src/suite/runner/suiteJob.js';
import { ANY_DRIFT_CLAIMS, judgeTeeth, THEOREM_CLAIMS } from '../src/suite/runner/teeth.js';
import { RUNS_MULTIPLIER, SEED } from './budget.js';

const reportDir = mkdtempSync(join(tmpdir(), 'mirror-check-teeth-'));
/** The teeth's jobs (one group of the plan), by construction: every claim that applies to it. */
const teethJobs = suitePlan(SEED, RUNS_MULTIPLIER, reportDir)
  .flat()
  .filter((j): j is Extract<SuiteJob, { kind: 'claim' }> => j.kind === 'claim' && j.set === 'teeth');
const configs = [...new Set(teethJobs.map((j) => j.config))];

const results = new Map<string, SuiteCheck[]>();
/** Every claim on one construction, run once and shared by the tests below. */
function resultsFor(config: string): SuiteCheck[] {
  let hit = results.get(config);
  if (!hit) {
    hit = teethJobs.filter((j) => j.config === config).map((j) => runSuiteJob(j) as SuiteCheck);
    results.set(config, hit);
  }
  return hit;
}

test('every invalid construction and engine mutant is in the plan', () => {
  expect(configs.length).toBe(14);
});

describe.each(configs.map((c) => [c] as const))('%s', (config) => {
  test('is caught with a small, confirmed counterexample that replays', () => {
    const [judged] = judgeTeeth(resultsFor(config), false).constructions;
    expect(judged.problem, judged.problem ?? '').toBeNull();
    // Every violation's report was replayed by the job itself (judged above); and there is one at least.
    expect(resultsFor(config).filter((x) => x.status === 'violated' && x.replays === true).length).toBeGreaterThan(0);
    console.log(`[teeth] ${config}: caught by ${judged.caughtBy.join(', ')}`);
  });
});

describe('teeth per claim, with the axiom claims switched off', () => {
  const judged = () => judgeTeeth(configs.flatMap(resultsFor), true).claims;
  test.each([...THEOREM_CLAIMS, ...ANY_DRIFT_CLAIMS])('%s has teeth of its own', (claim) => {
    const t = judged().find((x) => x.claim === claim)!;
    console.log(`[teeth per claim] ${claim}: ${t.caught.join('; ') || 'nothing'}`);
    expect(t.problem, t.problem ?? '').toBeNull();
  });
});
