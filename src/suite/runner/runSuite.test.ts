import { describe, expect, test } from 'vitest';
import { CLAIMS } from '../claims/index.js';
import { INVALID_CONFIGS, MUTANT_CONFIGS } from '../configs/registry.js';
import { claimEntries } from './claimEntries.js';
import { regressionFiles } from './regressions.js';
import { parseShard, runSuite, suitePlan } from './runSuite.js';
import { runSuiteJob, type SuiteJob } from './suiteJob.js';

const key = (j: SuiteJob) => (j.kind === 'replay' ? `replay ${j.file}` : `${j.set} ${j.claim} ${j.config}`);

describe('the suite plan', () => {
  const plan = suitePlan(1, 1, null);
  test('has every claim on each of its entries, every construction with all its claims, every regression', () => {
    const keys = plan.flat().map(key);
    expect(new Set(keys).size).toBe(keys.length);
    const registry = CLAIMS.reduce((n, c) => n + claimEntries(c).length, 0);
    const teeth = [...INVALID_CONFIGS, ...MUTANT_CONFIGS].reduce(
      (n, e) => n + CLAIMS.filter((c) => c.applies(e)).length,
      0,
    );
    expect(keys.length).toBe(registry + teeth + regressionFiles().length);
    // A construction's claims are judged together: one group each.
    const teethGroups = plan.filter((g) => g[0].kind === 'claim' && g[0].set === 'teeth');
    expect(teethGroups).toHaveLength(INVALID_CONFIGS.length + MUTANT_CONFIGS.length);
    for (const g of teethGroups) expect(new Set(g.map((j) => (j.kind === 'claim' ? j.config : ''))).size).toBe(1);
  });

  test('shards i/n are disjoint and cover the plan, whatever n', () => {
    for (const n of [1, 2, 7, 1000]) {
      const seen = plan.map(() => 0);
      for (let i = 1; i <= n; i++) plan.forEach((_, g) => (seen[g] += g % n === i - 1 ? 1 : 0));
      expect(seen.every((k) => k === 1)).toBe(true);
    }
  });

  test('--shard text', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1/', '1-2']) expect(parseShard(bad)).toBeNull();
  });
});

describe('the one runner', () => {
  test('the pool (worker threads) gives the verdicts the jobs give in-process, for the same seed', async () => {
    const shard = { index: 51, count: 1000 };
    const r = await runSuite({ seed: 20220717, multiplier: 1, shard, workers: 2, reportDir: null });
    const jobs = suitePlan(20220717, 1, null)
      .filter((_, g) => g % shard.count === shard.index - 1)
      .flat();
    const pooled = [...r.checks, ...r.teeth];
    expect(pooled).toHaveLength(jobs.length);
    const direct = jobs.map((j) => runSuiteJob(j));
    const view = (x: object) => {
      const c = x as { claim: string; config: string; status: string; runs: number; meaningful: number };
      const v = x as { verdicts: object; report: { verdict: { margin: number } } | null; health: string | null };
      return [c.claim, c.config, c.status, c.runs, c.meaningful, v.verdicts, v.report?.verdict.margin, v.health];
    };
    expect(pooled.map(view)).toEqual(direct.map(view));
    expect(r.teeth.some((t) => t.status === 'violated')).toBe(true); // the unsquared TV is caught
  }, 300_000);
});
