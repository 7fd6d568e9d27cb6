import { CLAIMS, type Claim } from '../claims/index.js';
import type { RegisteredConfig } from '../configs/configSpec.js';
import { INVALID_CONFIGS, MUTANT_CONFIGS } from '../configs/registry.js';
import { reportJsonText } from '../report/counterexampleReport.js';
import { loadReport, replayReport } from '../report/replay.js';
import { checkClaim, type ClaimRunResult } from './checkClaim.js';
import { claimEntries } from './claimEntries.js';
import { healthProblem } from './health.js';
import { regressionsFor } from './regressions.js';

/**
 * One unit of the suite's work, as plain data (it crosses to a worker thread): a claim on a configuration — of the
 * valid registry and random constructions (`suite`), or of the deliberately invalid constructions and engine mutants
 * (`teeth`) — or the replay of one committed counterexample.
 */
export type SuiteJob =
  | {
      readonly kind: 'claim';
      readonly set: 'suite' | 'teeth';
      readonly claim: string;
      readonly config: string;
      readonly numRuns: number;
      readonly seed: number;
      /** Where counterexample reports go (null: none; a teeth job then replays its report from memory). */
      readonly reportDir: string | null;
    }
  | { readonly kind: 'replay'; readonly file: string };

/**
 * A claim's result with the health check's finding (null: healthy, or not a suite job) and, for a violated teeth job,
 * whether its report replays to the same violation (null otherwise).
 */
export type SuiteCheck = ClaimRunResult & {
  readonly set: 'suite' | 'teeth';
  readonly health: string | null;
  readonly replays: boolean | null;
};

/** A committed counterexample replayed: the status it records and the one it replays to. */
export interface ReplayResult {
  readonly file: string;
  readonly expect: string;
  readonly status: string;
  /** The margin's sign agrees with the recorded one (where `expect` is `violated`; true otherwise). */
  readonly sameSign: boolean;
  readonly error: string | null;
}

export type SuiteJobResult = SuiteCheck | ReplayResult;

/** The configurations of a set, by label: what a claim runs on. */
function entriesOf(claim: Claim, set: 'suite' | 'teeth'): readonly RegisteredConfig[] {
  return set === 'suite'
    ? claimEntries(claim)
    : [...INVALID_CONFIGS, ...MUTANT_CONFIGS].filter((e) => claim.applies(e));
}

/** The claim and configuration a job names (an Error if either is unknown: a job is built from the same tables). */
export function jobTarget(job: Extract<SuiteJob, { kind: 'claim' }>): { claim: Claim; entry: RegisteredConfig } {
  const claim = CLAIMS.find((c) => c.id === job.claim);
  const entry = claim && entriesOf(claim, job.set).find((e) => e.label === job.config);
  if (!claim || !entry) throw new Error(`no ${job.set} configuration ${JSON.stringify(job.config)} for ${job.claim}`);
  return { claim, entry };
}

/**
 * Runs one job: what every worker thread of the suite does, and what a property file does in its own process. A job
 * that throws (outside the check, which reports its own errors) is an `error` result, never a lost one.
 */
export function runSuiteJob(job: SuiteJob): SuiteJobResult {
  if (job.kind === 'replay') return replayJob(job.file);
  try {
    const { claim, entry } = jobTarget(job);
    const r = checkClaim(claim, entry, {
      numRuns: job.numRuns,
      seed: job.seed,
      examples: regressionsFor(claim, entry),
      reportDir: job.reportDir,
    });
    const health = job.set === 'suite' ? healthProblem(claim, entry, r) : null;
    return { ...r, set: job.set, health, replays: job.set === 'teeth' ? replaysAsReported(r) : null };
  } catch (e) {
    return {
      claim: job.claim,
      config: job.config,
      runs: 0,
      planned: job.numRuns,
      verdicts: { holds: 0, violated: 0, undecided: 0, outside: 0 },
      meaningful: 0,
      labels: {},
      durationMs: 0,
      interrupted: false,
      status: 'error',
      report: null,
      reportPath: null,
      error: e instanceof Error ? e.message : String(e),
      set: job.set,
      health: null,
      replays: null,
    };
  }
}

/** A violated result's report, replayed: the same violation with the same margin (null when nothing was violated). */
function replaysAsReported(r: ClaimRunResult): boolean | null {
  if (r.status !== 'violated') return null;
  const again = replayReport(loadReport(r.reportPath ?? JSON.parse(reportJsonText(r.report))));
  return again.status === 'violated' && again.margin === r.report.verdict.margin;
}

function replayJob(file: string): ReplayResult {
  try {
    const loaded = loadReport(file);
    const verdict = replayReport(loaded);
    const expect = loaded.report.expect;
    const sameSign = expect !== 'violated' || Math.sign(verdict.margin) === Math.sign(loaded.report.verdict.margin);
    return { file, expect, status: verdict.status, sameSign, error: null };
  } catch (e) {
    return { file, expect: '?', status: 'error', sameSign: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Whether a replayed regression is as committed: the recorded status (and, for a violation, the margin's sign). */
export function replayAsCommitted(r: ReplayResult): boolean {
  return r.error === null && r.status === r.expect && r.sameSign;
}

/** Runs per claim and configuration at a run multiplier (the suite's own count is `runsFor`; the teeth use base runs). */
export function teethRuns(claim: Claim, multiplier: number): number {
  return Math.max(1, Math.round(claim.baseRuns * multiplier));
}
