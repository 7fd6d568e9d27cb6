import { describe, expect, test } from 'vitest';
import { CLAIMS } from '../claims/index.js';
import { INVALID_CONFIGS, MUTANT_CONFIGS } from '../configs/registry.js';
import { claimEntries } from './claimEntries.js';
import { regressionFiles } from './regressions.js';
import { parseShard, runSuite, shardOf, suitePlan } from './runSuite.js';
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
    // The teeth are judged together (each claim's own teeth across every construction): one group.
    const teethGroups = plan.filter((g) => g.some((j) => j.kind === 'claim' && j.set === 'teeth'));
    expect(teethGroups).toHaveLength(1);
    expect(teethGroups[0].every((j) => j.kind === 'claim' && j.set === 'teeth')).toBe(true);
    expect(new Set(teethGroups[0].map((j) => (j.kind === 'claim' ? j.config : ''))).size).toBe(
      INVALID_CONFIGS.length + MUTANT_CONFIGS.length,
    );
  });

  test('shards i/n are disjoint and cover the plan, whatever n; the teeth stay whole', () => {
    const all = plan.flat().map(key);
    for (const n of [1, 2, 7, 1000, 5000]) {
      const shards = Array.from({ length: n }, (_, i) => shardOf(plan, { index: i + 1, count: n }).map(key));
      expect(shards.flat().sort()).toEqual([...all].sort());
      const teeth = shards.filter((sh) => sh.some((k) => k.startsWith('teeth ')));
      expect(teeth).toHaveLength(1);
    }
  });

  test('--shard text', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1/', '1-2']) expect(parseShard(bad)).toBeNull();
  });
});

describe('the one runner', () => {
  test('the pool (worker threads) gives the verdicts the jobs give in-process, for the same seed', async () => {
    const shard = { index: 52, count: 1000 };
    const r = await runSuite({ seed: 20220717, multiplier: 1, shard, workers: 2, reportDir: null });
    const jobs = shardOf(suitePlan(20220717, 1, null), shard);
    const pooled = [...r.checks, ...r.regressions];
    expect(pooled).toHaveLength(jobs.length);
    const direct = jobs.map((j) => runSuiteJob(j));
    const view = (x: object) => {
      const c = x as { claim: string; config: string; status: string; runs: number; meaningful: number };
      const v = x as { verdicts: object; report: { verdict: { margin: number } } | null; health: string | null };
      return [c.claim, c.config, c.status, c.runs, c.meaningful, v.verdicts, v.report?.verdict.margin, v.health];
    };
    expect(pooled.map(view)).toEqual(direct.map(view));
    expect(r.regressions).toHaveLength(1);
  }, 300_000);
});
