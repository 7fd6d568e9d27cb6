import { availableParallelism } from 'node:os';
import { appendFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { InputError } from '../../errors.js';
import { CLAIMS } from '../../suite/claims/index.js';
import { DEFAULT_SEED } from '../../suite/configs/defaults.js';
import { claimCoverage, COVERAGE_HEADER, coverageRows } from '../../suite/report/coverage.js';
import { junitXml, type JunitExtraSuite } from '../../suite/report/junit.js';
import { markdownTable } from '../../suite/report/markdownTable.js';
import { parseShard, runSuite, type SuiteResult } from '../../suite/runner/runSuite.js';
import { replayAsCommitted, type SuiteCheck } from '../../suite/runner/suiteJob.js';
import { judgeTeeth } from '../../suite/runner/teeth.js';
import { integerFlag, parseCommandArgs } from '../args.js';
import { parseOptions } from '../commandSpecs.js';
import { onGitHubActions, violationAnnotations } from '../githubActions.js';
import { ProgressLine } from '../progress.js';
import { textTable } from '../../suite/report/textTable.js';
import { writeOutput } from '../writeOutput.js';

/**
 * `run`: the main job — every claim over the built-in registry, the paper's environments and the random constructions,
 * the teeth (each invalid construction and engine mutant caught) and the committed regressions, on the suite's one
 * runner (`runSuite`: a worker thread per core, `--shard i/n` over its fixed plan). Works from an installed package.
 * Off a terminal, a progress line every 10 s. Writes `summary.md` and `summary.json` (and JUnit XML with --junit) under
 * `--out`. Exit 0 when everything holds, 1 otherwise.
 */
export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('run', argv, parseOptions('run'));
  const shardText = values.shard === undefined ? '1/1' : String(values.shard);
  const shard = parseShard(shardText);
  if (!shard) throw new InputError('--shard', `${JSON.stringify(shardText)} must be i/n with 1 ≤ i ≤ n`);
  const seed = integerFlag('seed', values.seed, DEFAULT_SEED, -(2 ** 31), 2 ** 31 - 1);
  const runs = integerFlag('runs', values.runs, 1, 1, 10_000);
  const workers = integerFlag('workers', values.workers, availableParallelism(), 1, 64);
  const out = resolve(values.out === undefined ? 'reports' : String(values.out));
  const junit = values.junit === undefined ? undefined : resolve(String(values.junit));
  const progress = new ProgressLine('mirror-check run');
  const state = { done: 0, total: null as number | null, cases: 0 };
  const stopTicking = progress.tick(() => state);
  const suite = await runSuite({
    seed,
    multiplier: runs,
    shard,
    workers,
    reportDir: join(out, 'counterexamples'),
    // The teeth's reports (counterexamples the suite must find) stay apart from real ones.
    teethDir: join(out, 'teeth'),
    onResult: (r, done, total) => {
      if ('runs' in r) state.cases += r.runs;
      Object.assign(state, { done, total });
      progress.update(done, total, state.cases);
    },
  }).finally(stopTicking);
  const summary = summarise(suite, { seed, runs, shard: shardText });
  writeOutput(JSON.stringify(summary, null, 2) + '\n', join(out, 'summary.json'), '--out');
  const markdown = summaryMarkdown(summary);
  writeOutput(markdown, join(out, 'summary.md'), '--out');
  if (junit)
    writeOutput(junitXml('mirror-check run', suite.checks.map(withHealth), junitExtras(summary)), junit, '--junit');
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown + '\n');
  if (onGitHubActions()) {
    const violations = suite.checks.flatMap((r) =>
      r.status === 'violated' && r.report
        ? [{ ...r.report.verdict, claim: r.claim, config: r.config, replay: r.report.replay }]
        : [],
    );
    for (const line of violationAnnotations(violations)) process.stderr.write(line + '\n');
  }
  if (values.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  else process.stdout.write(summaryText(summary, out));
  return summary.status === 'holds' ? 0 : 1;
}

/** A check that failed its health check reads as an error (in JUnit and in the failures list). */
function withHealth(r: SuiteCheck): SuiteCheck {
  return r.status === 'holds' && r.health ? { ...r, status: 'error', error: r.health } : r;
}

type Summary = ReturnType<typeof summarise>;

/** The words the text and Markdown outputs print for a run's status (docs/cli.md, "Status words"). */
const STATUS_WORD = { holds: 'VERIFIED', violated: 'VIOLATED', error: 'ERROR' } as const;

/**
 * The run's summary. Its status, in the vocabulary of `drift` and of every result: `violated` when some claim has a
 * counterexample on a valid configuration; else `error` when a check threw or was unhealthy (too few meaningful cases),
 * a construction of the teeth was not caught as it must be, or a committed regression did not replay as committed;
 * else `holds`.
 */
function summarise(suite: SuiteResult, meta: { seed: number; runs: number; shard: string }) {
  const checks = suite.checks.map(withHealth);
  // The teeth are one group of the plan: the shard that holds them judges them whole.
  const teeth = judgeTeeth(suite.teeth, suite.teeth.length > 0);
  /** What makes the run an error besides its checks: the teeth, and a plan that checked nothing. */
  const problems = [
    ...teeth.constructions.filter((t) => t.problem).map((t) => ({ what: `teeth, ${t.config}`, problem: t.problem! })),
    ...teeth.claims.filter((t) => t.problem).map((t) => ({ what: `teeth, ${t.claim}`, problem: t.problem! })),
  ];
  const regressions = suite.regressions.filter((r) => !replayAsCommitted(r));
  // Nothing checked is no pass: a shard with no check, or a whole run that found no committed regression to replay.
  if (checks.length === 0 && suite.teeth.length === 0 && suite.regressions.length === 0)
    problems.push({ what: 'plan', problem: `shard ${meta.shard} holds no check` });
  if (suite.shard.count === 1 && suite.regressions.length === 0)
    problems.push({ what: 'regressions', problem: 'no committed counterexample found to replay' });
  const status = checks.some((r) => r.status === 'violated')
    ? ('violated' as const)
    : checks.some((r) => r.status !== 'holds') || problems.length > 0 || regressions.length > 0
      ? ('error' as const)
      : ('holds' as const);
  return {
    ...meta,
    durationMs: suite.durationMs,
    status,
    claims: claimCoverage(
      checks,
      CLAIMS.map((c) => c.id),
    ),
    failures: checks
      .filter((r) => r.status !== 'holds')
      .map((r) => ({
        claim: r.claim,
        config: r.config,
        status: r.status,
        report: r.reportPath,
        replay: r.report?.replay ?? null,
        error: r.error,
      })),
    teeth: { constructions: teeth.constructions, claims: teeth.claims },
    problems,
    regressions: {
      replayed: suite.regressions.length,
      failures: regressions.map((r) => ({ file: r.file, expect: r.expect, status: r.status, error: r.error })),
      results: suite.regressions,
    },
  };
}

/** The teeth and the regressions as JUnit suites beside the claims'. */
function junitExtras(s: Summary): JunitExtraSuite[] {
  return [
    {
      name: 'teeth',
      cases: [
        ...s.teeth.constructions.map((t) => ({ name: t.config, failure: t.problem })),
        ...s.teeth.claims.map((t) => ({ name: `${t.claim} has teeth of its own`, failure: t.problem })),
      ],
    },
    {
      name: 'regressions',
      cases: s.regressions.results.map((r) => ({
        name: basename(r.file),
        failure: replayAsCommitted(r)
          ? null
          : `replays ${r.status}, committed ${r.expect}${r.error ? `: ${r.error}` : ''}`,
      })),
    },
  ].filter((x) => x.cases.length > 0);
}

function problemLines(s: Summary): string[] {
  return [
    ...s.failures.map(
      (v) =>
        `${v.claim} on ${v.config}: ${v.status}${v.replay ? ` — ${v.replay}` : ''}${v.error ? ` — ${v.error}` : ''}`,
    ),
    ...s.problems.map((t) => `${t.what}: ${t.problem}`),
    ...s.regressions.failures.map(
      (r) => `regression ${r.file}: replays ${r.status}, committed ${r.expect}${r.error ? ` — ${r.error}` : ''}`,
    ),
  ];
}

function headline(s: Summary): string {
  const teeth = s.teeth.constructions.length;
  const caught = teeth - s.teeth.constructions.filter((t) => t.problem).length;
  const own = s.teeth.claims.length - s.teeth.claims.filter((t) => t.problem).length;
  return (
    (teeth === 0
      ? 'teeth: in another shard'
      : `teeth: ${caught}/${teeth} invalid constructions and mutants caught, ${own}/${s.teeth.claims.length} claims ` +
        'with teeth of their own') +
    `; regressions: ${s.regressions.replayed - s.regressions.failures.length}/${s.regressions.replayed} ` +
    `replay as committed`
  );
}

function summaryText(s: Summary, out: string): string {
  const lines = [
    '',
    `mirror-check run: seed ${s.seed}, runs ×${s.runs}, shard ${s.shard}, ${(s.durationMs / 1000).toFixed(1)} s`,
    '',
    textTable(COVERAGE_HEADER, coverageRows(s.claims)),
    headline(s),
    '',
    s.status === 'holds'
      ? 'VERIFIED: every claim holds on every registered configuration'
      : `${STATUS_WORD[s.status]}: see below`,
    ...problemLines(s).map((l) => `  ${l}`),
    '',
    `summary: ${join(out, 'summary.md')}, ${join(out, 'summary.json')}`,
  ];
  return lines.join('\n') + '\n';
}

function summaryMarkdown(s: Summary): string {
  const problems = problemLines(s).map((l) => `- ${l}`);
  return [
    `# mirror-check run`,
    '',
    `**${STATUS_WORD[s.status]}** — seed ${s.seed}, runs ×${s.runs}, shard ${s.shard}, ${(s.durationMs / 1000).toFixed(1)} s; ${headline(s)}.`,
    '',
    markdownTable(COVERAGE_HEADER, coverageRows(s.claims)),
    '',
    ...(problems.length ? ['## Failures', '', ...problems, ''] : []),
  ].join('\n');
}
