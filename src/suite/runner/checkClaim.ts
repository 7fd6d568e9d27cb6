import fc from 'fast-check';
import { join } from 'node:path';
import { writeFileAtomic } from '../../io/writeFileAtomic.js';
import type { Claim, ClaimCase } from '../claims/claim.js';
import { caseLabels } from '../claims/caseArbitraries.js';
import type { CaseSource } from '../claims/claim.js';
import { entryOf } from '../claims/claimCase.js';
import { configLabel, isUserDriftSpec, type RegisteredConfig } from '../configs/configSpec.js';
import { buildReport, reportId, reportJsonText, type CounterexampleReport } from '../report/counterexampleReport.js';
import { reportMarkdown } from '../report/reportMarkdown.js';
import { sound, type Verdict, type VerdictStatus } from '../../verify/verdict.js';

/** Where reports go by default. */
export const COUNTEREXAMPLE_DIR = join('reports', 'counterexamples');

export interface CheckClaimOptions {
  readonly numRuns: number;
  readonly seed: number;
  /** Cases run before the generated ones (committed regressions), through fast-check's `examples`. */
  readonly examples?: readonly ClaimCase[];
  /** Directory for counterexample reports; null writes none (the report is still returned). */
  readonly reportDir?: string | null;
  /**
   * Stop generating after this many milliseconds (fast-check `interruptAfterTimeLimit`); the first generated case
   * always runs, so a time-limited check is never empty.
   */
  readonly timeLimitMs?: number;
  /** Draw the drift gate's small cases (see `CaseOptions`). */
  readonly small?: boolean;
  /** Milliseconds of shrinking after the first failure (default `SHRINK_BUDGET_MS`); the report is the smallest found. */
  readonly shrinkBudgetMs?: number;
}

/** How long a counterexample is shrunk at most. */
export const SHRINK_BUDGET_MS = 60_000;

/** What every outcome of one claim on one configuration reports: how many cases ran and how their verdicts split. */
export interface ClaimRunCounts {
  readonly claim: string;
  readonly config: string;
  /** Runs executed (generated cases and examples), before any shrinking. */
  readonly runs: number;
  /** Runs planned: the generated cases asked for plus the examples (`runs` < `planned` when the time limit cut it). */
  readonly planned: number;
  /** How the runs' verdicts split (a case that is `outside` checked nothing). */
  readonly verdicts: Readonly<Record<VerdictStatus, number>>;
  /** Runs that could have failed (`ClaimOutcome.meaningful`): a decision to make, hypotheses met, something moved. */
  readonly meaningful: number;
  /** Coverage labels of the generated cases, with counts. */
  readonly labels: Readonly<Record<string, number>>;
  readonly durationMs: number;
  /** True when fast-check's time limit cut the run short. */
  readonly interrupted: boolean;
}

/**
 * The outcome of one claim on one configuration: `holds` (no counterexample), `violated` with its report (and the
 * report's path, unless reports were not written), or `error` with the reason (the check threw: a drift that throws, a
 * bad configuration). A per-case `undecided` or `outside` is counted in `verdicts`, never an outcome of its own.
 */
export type ClaimRunResult = ClaimRunCounts &
  (
    | { readonly status: 'holds'; readonly report: null; readonly reportPath: null; readonly error: null }
    | {
        readonly status: 'violated';
        readonly report: CounterexampleReport;
        readonly reportPath: string | null;
        readonly error: null;
      }
    | { readonly status: 'error'; readonly report: null; readonly reportPath: null; readonly error: string }
  );

/** One fast-check run of a check: which cases, how many, from which seed, and whether the time limit applies. */
interface Phase {
  readonly source: CaseSource;
  readonly numRuns: number;
  readonly seed: number;
  readonly examples: readonly ClaimCase[];
  readonly limited: boolean;
}

/** The tally of a check's cases as they run, and the predicate fast-check calls (which fills it). */
class CaseTally {
  readonly verdicts: Record<VerdictStatus, number> = { holds: 0, violated: 0, undecided: 0, outside: 0 };
  readonly labels: Record<string, number> = {};
  runs = 0;
  meaningful = 0;
  /** When the first violation was seen (its shrinking is timed from there); null before. */
  private failedAt: number | null = null;

  constructor(
    private readonly claim: Claim,
    private readonly entry: RegisteredConfig,
    private readonly shrinkBudgetMs: number,
  ) {}

  /**
   * fast-check's predicate: false on a violated case. Cases are counted up to the first violation (shrinking
   * re-evaluates cases that are not new runs); past the shrink budget every further candidate "passes" unevaluated, so
   * fast-check ends its shrinking with the smallest failing case found so far (a slow case once shrank for 450 s).
   */
  readonly predicate = (c: ClaimCase): boolean => {
    if (this.failedAt !== null && Date.now() - this.failedAt >= this.shrinkBudgetMs) return true;
    const outcome = this.claim.evaluate(this.entry, c);
    const v = sound(outcome.verdict);
    if (this.failedAt === null) {
      this.runs += 1;
      this.verdicts[v.status] += 1;
      if (outcome.meaningful) this.meaningful += 1;
      for (const l of [...caseLabels(c), `verdict:${v.status}`]) this.labels[l] = (this.labels[l] ?? 0) + 1;
      if (v.status === 'violated') this.failedAt = Date.now();
    }
    return v.status !== 'violated';
  };
}

/**
 * The fast-check runs of a check. Random MDPs first (their counterexamples shrink to a few states), then the paper's
 * environments (constants, which cannot shrink) with a fifth of the runs and the next seed. Under a time limit the
 * first random case runs without it and the rest of the random cases follow from the next-but-one seed: fast-check's
 * limit also skips a run whose generation was slow, and a loaded machine must not turn a check into zero cases
 * reported as holding.
 */
function phasesOf(options: CheckClaimOptions, seed: number): Phase[] {
  const fixtureRuns = options.numRuns >= 2 ? Math.max(1, Math.round(options.numRuns / 5)) : 0;
  const randomRuns = options.numRuns - fixtureRuns;
  const guaranteed = options.timeLimitMs !== undefined ? Math.min(1, randomRuns) : randomRuns;
  return [
    { source: 'random', numRuns: guaranteed, seed, examples: options.examples ?? [], limited: false },
    { source: 'random', numRuns: randomRuns - guaranteed, seed: (seed + 2) | 0, examples: [], limited: true },
    { source: 'fixtures', numRuns: fixtureRuns, seed: (seed + 1) | 0, examples: [], limited: true },
  ];
}

/** Runs the phases until one fails: fast-check's last details (null if none ran), or what was thrown. */
function runPhases(
  claim: Claim,
  entry: RegisteredConfig,
  options: CheckClaimOptions,
  phases: readonly Phase[],
  predicate: (c: ClaimCase) => boolean,
  started: number,
): { details: fc.RunDetails<[ClaimCase]> | null; interrupted: boolean; thrown?: unknown } {
  let details: fc.RunDetails<[ClaimCase]> | null = null;
  let interrupted = false;
  try {
    for (const phase of phases) {
      if (phase.numRuns <= 0 && phase.examples.length === 0) continue;
      details = fc.check(
        fc.property(claim.arbitrary(entry, { source: phase.source, small: options.small }), predicate),
        {
          numRuns: Math.max(phase.numRuns, 0),
          seed: phase.seed,
          examples: phase.examples.map((e) => [e] as [ClaimCase]),
          ...(options.timeLimitMs !== undefined && phase.limited
            ? { interruptAfterTimeLimit: Math.max(1, options.timeLimitMs - (Date.now() - started)) }
            : {}),
        },
      );
      interrupted ||= details.interrupted;
      if (details.failed) break;
    }
  } catch (thrown) {
    return { details, interrupted, thrown };
  }
  return { details, interrupted };
}

/**
 * Runs one claim on one configuration as a fast-check property: generated cases (and `examples` first), each checked
 * by the claim's pure predicate; a `violated` verdict fails the property, fast-check shrinks it, and the shrunk case
 * becomes a counterexample report (written to `reportDir`), confirmed in exact arithmetic where the claim allows.
 */
export function checkClaim(claim: Claim, entry: RegisteredConfig, options: CheckClaimOptions): ClaimRunResult {
  const started = Date.now();
  const seed = claimSeed(options.seed, claim, entry);
  const tally = new CaseTally(claim, entry, options.shrinkBudgetMs ?? SHRINK_BUDGET_MS);
  const { details, interrupted, thrown } = runPhases(
    claim,
    entry,
    options,
    phasesOf(options, seed),
    tally.predicate,
    started,
  );
  const { runs, verdicts, meaningful, labels } = tally;
  const planned = options.numRuns + (options.examples?.length ?? 0);
  const counts = { claim: claim.id, config: entry.label, runs, planned, verdicts, meaningful, labels, interrupted };
  const done = () => ({ ...counts, durationMs: Date.now() - started });
  const failed = (error: string): ClaimRunResult => ({
    ...done(),
    status: 'error',
    report: null,
    reportPath: null,
    error,
  });
  const held = (): ClaimRunResult => ({ ...done(), status: 'holds', report: null, reportPath: null, error: null });
  // Thrown while generating a case (an arbitrary that runs the update, e.g. Lemma 1's partial steps).
  if (thrown !== undefined) return failed(thrown instanceof Error ? thrown.message : String(thrown));
  if (!details || !details.failed) return held();
  // Failed without a counterexample: fast-check gave up (time limit hit before a run, too many skips).
  if (!details.counterexample)
    return details.interrupted ? held() : failed('fast-check stopped without a counterexample');
  const cex = details.counterexample[0];
  let verdict: Verdict;
  try {
    verdict = claim.check(entry, cex);
  } catch (e) {
    return failed(errorText(e, cex));
  }
  if (verdict.status !== 'violated') {
    // The property failed by throwing (fast-check caught it): a contract breach, not a theorem's violation.
    return failed(
      details.errorInstance ? errorText(details.errorInstance, cex) : `the check failed: ${verdict.status}`,
    );
  }
  const { report, reportPath } = writeReport(claim, entry, cex, verdict, details, runs, options.reportDir);
  return { ...done(), status: 'violated', report, reportPath, error: null };
}

/**
 * The counterexample report of a shrunk case, confirmed, and written (JSON and Markdown) unless `reportDir` is null.
 * A case drawn with its own construction is reported, confirmed and replayed as that construction.
 */
function writeReport(
  claim: Claim,
  entry: RegisteredConfig,
  cex: ClaimCase,
  verdict: Verdict,
  details: fc.RunDetails<[ClaimCase]>,
  runs: number,
  reportDir: string | null | undefined,
): { report: CounterexampleReport; reportPath: string | null } {
  const reported = entryOf(entry, cex);
  const confirmation = confirm(claim, entry, cex);
  const id = reportId(claim, reported, cex);
  const dir = reportDir === undefined ? COUNTEREXAMPLE_DIR : reportDir;
  const jsonPath = join(dir ?? COUNTEREXAMPLE_DIR, `${id}.json`);
  const run = { seed: details.seed, path: details.counterexamplePath, runs };
  const report = buildReport(claim, reported, cex, verdict, confirmation, run, jsonPath);
  if (dir === null) return { report, reportPath: null };
  writeFileAtomic(jsonPath, reportJsonText(report));
  writeFileAtomic(join(dir, `${id}.md`), reportMarkdown(report));
  return { report, reportPath: jsonPath };
}

/**
 * The seed of one claim on one configuration: the run's seed mixed with a hash of the claim and configuration, so
 * that each configuration sees its own cases (one shared seed would give all 276 the same few MDPs) while the whole
 * run stays a deterministic function of the one printed seed. A user's drift (`module:<path>`, `expr:<text>`) enters
 * the hash as `user-drift`: the gate draws the same cases for every user drift, wherever its file lives, so a verdict
 * never depends on the checkout path and two drifts are compared on the same cases.
 */
export function claimSeed(seed: number, claim: Claim, entry: RegisteredConfig): number {
  const key = isUserDriftSpec(entry.spec.drift) ? configLabel({ ...entry.spec, drift: 'user-drift' }) : entry.label;
  let h = 0x811c9dc5;
  for (const ch of `${claim.id}|${key}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return (seed ^ h) | 0;
}

/** Largest MDP confirmed by exact rational evaluation (cost grows as S³ BigInt fractions). */
const EXACT_MAX_STATES = 30;

/** Re-checks a violation: exactly where the claim allows it, else by the certified bounds already used. */
export function confirm(claim: Claim, entry: RegisteredConfig, c: ClaimCase): CounterexampleReport['confirmation'] {
  switch (claim.confirmation) {
    case 'exact-arithmetic':
      return { method: 'exact-arithmetic', confirmed: true, detail: 'the check itself is exact (mathjs Fraction)' };
    case 'certified-bounds':
      return {
        method: 'certified-bounds',
        confirmed: true,
        detail:
          'violated beyond the certified error of every floating-point quantity (the quantities are not rational)',
      };
    case 'exact-evaluation': {
      if (c.mdp.numStates > EXACT_MAX_STATES) {
        return {
          method: 'certified-bounds',
          confirmed: true,
          detail: `S = ${c.mdp.numStates} is too large for exact evaluation; violated beyond certified bounds`,
        };
      }
      const exact = claim.check(entry, c, true);
      return {
        method: 'exact-evaluation',
        confirmed: exact.status === 'violated',
        detail:
          exact.status === 'violated'
            ? `V, Q, ρ̄, η re-computed in exact rational arithmetic (mathjs Fraction): still violated, margin ${exact.margin}, error ${exact.error}`
            : `with exact rational evaluation the verdict is ${exact.status} (margin ${exact.margin}, error ${exact.error})`,
      };
    }
  }
}

function errorText(e: unknown, c: ClaimCase): string {
  const message = e instanceof Error ? e.message : String(e);
  return `${message} (on a ${c.mdp.numStates}-state, ${c.mdp.numActions}-action case)`;
}
