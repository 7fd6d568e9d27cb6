import { CLAIMS } from '../claims/index.js';
import { INVALID_CONFIGS, MUTANT_CONFIGS } from '../configs/registry.js';
import { claimEntries } from './claimEntries.js';
import { runsFor } from './health.js';
import { runPool, taskModule } from '../../io/pool.js';
import { regressionFiles } from './regressions.js';
import { teethRuns, type ReplayResult, type SuiteCheck, type SuiteJob, type SuiteJobResult } from './suiteJob.js';

/** One shard of n: the `index`-th (1-based). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export interface SuiteOptions {
  readonly seed: number;
  /** Multiplies every run count (1 by default; 100 is the deep mode). */
  readonly multiplier: number;
  readonly shard?: Shard;
  readonly workers: number;
  /** Where counterexample reports are written (null: none). */
  readonly reportDir: string | null;
  /** Where the teeth's reports are written (default `reportDir`; null: none, replayed from memory). */
  readonly teethDir?: string | null;
  /** Give up when no job has finished for this long (default 30 min × the multiplier: a deep-mode check takes long). */
  readonly stallMs?: number;
  readonly onResult?: (r: SuiteJobResult, done: number, total: number) => void;
}

export interface SuiteResult {
  /** The claims over the valid registry and the random constructions, in plan order. */
  readonly checks: readonly SuiteCheck[];
  /** Every claim on each invalid construction and engine mutant, in plan order. */
  readonly teeth: readonly SuiteCheck[];
  readonly regressions: readonly ReplayResult[];
  readonly shard: Shard;
  readonly durationMs: number;
}

/**
 * The suite's plan, in a fixed order: groups of jobs that must run in one shard — each (claim, configuration) of the
 * registry, the teeth (every invalid construction and mutant with all of its claims: they are judged together, each
 * claim's own teeth across all of them), each committed counterexample's replay. `shardOf` splits it.
 */
export function suitePlan(
  seed: number,
  multiplier: number,
  reportDir: string | null,
  teethDir: string | null = reportDir,
): SuiteJob[][] {
  const claimJob = (set: 'suite' | 'teeth', claim: string, config: string, numRuns: number): SuiteJob => ({
    kind: 'claim',
    set,
    claim,
    config,
    numRuns,
    seed,
    reportDir: set === 'teeth' ? teethDir : reportDir,
  });
  const registry = CLAIMS.flatMap((claim) =>
    claimEntries(claim).map((entry) => [claimJob('suite', claim.id, entry.label, runsFor(claim, entry, multiplier))]),
  );
  const teeth = [...INVALID_CONFIGS, ...MUTANT_CONFIGS].flatMap((entry) =>
    CLAIMS.filter((c) => c.applies(entry)).map((c) => claimJob('teeth', c.id, entry.label, teethRuns(c, multiplier))),
  );
  const replays = regressionFiles().map((file): SuiteJob[] => [{ kind: 'replay', file }]);
  return [...registry, teeth, ...replays];
}

/** Shard i of n: the groups g ≡ i − 1 (mod n) of the plan, so shards are disjoint, cover it and do not depend on the machine. */
export function shardOf(plan: readonly SuiteJob[][], shard: Shard): SuiteJob[] {
  return plan.filter((_, g) => g % shard.count === shard.index - 1).flat();
}

/** Parses `i/n` (1 ≤ i ≤ n); null when the text is not of that form. */
export function parseShard(text: string): Shard | null {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) return null;
  const [index, count] = [Number(m[1]), Number(m[2])];
  return index >= 1 && index <= count ? { index, count } : null;
}

/**
 * The one runner: the suite's plan (or a shard of it) on the worker pool. `mirror-check run` calls it; the property
 * files run the same jobs (`runSuiteJob`) one test each, so both see the same verdicts.
 */
export async function runSuite(options: SuiteOptions): Promise<SuiteResult> {
  const started = Date.now();
  const shard = options.shard ?? { index: 1, count: 1 };
  const plan = suitePlan(options.seed, options.multiplier, options.reportDir, options.teethDir);
  const jobs = shardOf(plan, shard);
  const results = await runPool<SuiteJob, SuiteJobResult>(taskModule('./suiteWorker.js', import.meta.url), jobs, {
    workers: options.workers,
    stallMs: options.stallMs ?? 30 * 60_000 * Math.max(1, options.multiplier),
    onStall: (ms) => new Error(`the suite made no progress for ${Math.round(ms / 1000)} s (a check did not finish)`),
    onResult: (r, _job, _index, done) => options.onResult?.(r, done, jobs.length),
  });
  const checks = results.filter((r): r is SuiteCheck => 'set' in r);
  return {
    checks: checks.filter((r) => r.set === 'suite'),
    teeth: checks.filter((r) => r.set === 'teeth'),
    regressions: results.filter((r): r is ReplayResult => !('set' in r)),
    shard,
    durationMs: Date.now() - started,
  };
}
