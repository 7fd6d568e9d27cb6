import { spawn } from 'node:child_process';
import { markdownTable } from '../../suite/report/markdownTable.js';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../errors.js';
import type { VerdictStatus } from '../../verify/verdict.js';
import { CLAIMS } from '../../suite/claims/index.js';
import { claimEntries } from '../../suite/runner/claimEntries.js';
import { onGitHubActions, violationAnnotations } from '../githubActions.js';
import { ProgressLine } from '../progress.js';
import { DEFAULT_SEED } from '../../suite/configs/defaults.js';
import { integerFlag, parseCommandArgs } from '../args.js';
import { parseOptions } from '../commandSpecs.js';
import { claimCoverage, COVERAGE_HEADER, coverageRows } from '../../suite/report/coverage.js';
import { textTable } from '../textTable.js';
import { writeOutput } from '../writeOutput.js';

/** One (claim, configuration) result as the property suite records it (properties/claimSuite.ts). */
interface RecordedResult {
  claim: string;
  config: string;
  status: 'holds' | 'violated' | 'error';
  runs: number;
  meaningful: number;
  verdicts: Record<VerdictStatus, number>;
  reportPath: string | null;
  replay: string | null;
  error: string | null;
  durationMs: number;
  verdict: { inequality: string; margin: number; error: number } | null;
}

/** The (claim, configuration) checks of the whole suite: properties/claimSuite.ts runs `claimEntries` of each claim. */
function plannedChecks(): number {
  return CLAIMS.reduce((n, c) => n + claimEntries(c).length, 0);
}

/** The results the property suite has recorded so far (one JSON line per check, one file per worker). */
function recordedResults(work: string): RecordedResult[] {
  return readdirSync(work)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(work, f), 'utf8').split('\n').filter(Boolean))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as RecordedResult];
      } catch {
        return []; // a line still being written
      }
    });
}

/** The package root (dist/cli/commands/run.js → ../../..). */
function packageRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
}

/**
 * `run`: the main job — every claim over the built-in registry and the paper's environments, the engine properties,
 * the teeth and the committed regressions: the property suite in `properties/`, run by vitest (forks on every core;
 * `--shard i/n` is vitest's own sharding) with a progress display on a terminal and a progress line every 10 s otherwise.
 * Writes `reports/summary.md` and `reports/summary.json` (and JUnit XML with --junit). Exit 0 all hold, 1 otherwise.
 */
export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('run', argv, parseOptions('run'));
  const root = packageRoot();
  const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  if (!existsSync(vitest) || !existsSync(join(root, 'properties'))) {
    throw new InputError('run', `needs the repository's properties/ and dev dependencies (run npm ci in ${root})`);
  }
  const shard = values.shard === undefined ? undefined : String(values.shard);
  if (shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(shard);
    if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) {
      throw new InputError('--shard', `${JSON.stringify(shard)} must be i/n with 1 ≤ i ≤ n`);
    }
  }
  const seed = integerFlag('seed', values.seed, DEFAULT_SEED, -(2 ** 31), 2 ** 31 - 1);
  const runs = integerFlag('runs', values.runs, 1, 1, 10_000);
  const out = resolve(values.out === undefined ? 'reports' : String(values.out));
  const junit = values.junit === undefined ? undefined : resolve(String(values.junit));
  const work = mkdtempSync(join(tmpdir(), 'mirror-check-run-'));
  const tty = Boolean(process.stdout.isTTY) && !values.json;
  const started = Date.now();
  const args = [
    vitest,
    'run',
    'properties/',
    '--reporter=json',
    `--outputFile.json=${join(work, 'vitest.json')}`,
    ...(tty ? ['--reporter=default'] : ['--silent']),
    ...(junit ? ['--reporter=junit', `--outputFile.junit=${junit}`] : []),
    ...(shard ? [`--shard=${shard}`] : []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: root,
    stdio: tty ? 'inherit' : ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      MIRROR_CHECK_SEED: String(seed),
      MIRROR_CHECK_RUNS: String(runs),
      MIRROR_CHECK_RESULTS_DIR: work,
    },
  });
  // Off a terminal (CI), a line every 10 s: checks recorded so far out of the suite's (unknown under --shard).
  const progress = new ProgressLine('mirror-check run');
  const total = shard ? null : plannedChecks();
  const ticker = tty
    ? null
    : setInterval(() => {
        if (!progress.due()) return;
        try {
          const sofar = recordedResults(work);
          progress.update(
            sofar.length,
            total,
            sofar.reduce((n, r) => n + r.runs, 0),
          );
        } catch {
          // a results file being replaced: the next tick reads it
        }
      }, 2000);
  const status = await new Promise<number | null>((done) => {
    child.on('close', (code) => done(code));
    child.on('error', () => done(null));
  });
  if (ticker) clearInterval(ticker);
  const results = recordedResults(work);
  let tests = { passed: 0, failed: 0, total: 0 };
  try {
    const v = JSON.parse(readFileSync(join(work, 'vitest.json'), 'utf8'));
    tests = { passed: v.numPassedTests, failed: v.numFailedTests, total: v.numTotalTests };
    // A test file that failed to load has no failed test to count: count it (as scripts/test.mjs does).
    tests.failed += v.numFailedTestSuites ?? 0;
  } catch {
    tests.failed += 1;
  }
  // vitest itself failing (an unhandled error, a crash) is a failure too, whatever was recorded.
  if (status !== 0 && tests.failed === 0) tests.failed += 1;
  rmSync(work, { recursive: true, force: true });
  const durationMs = Date.now() - started;
  const summary = summarise(results, tests, { seed, runs, shard: shard ?? '1/1', durationMs });
  writeOutput(JSON.stringify(summary, null, 2) + '\n', join(out, 'summary.json'), '--out');
  const markdown = summaryMarkdown(summary);
  writeOutput(markdown, join(out, 'summary.md'), '--out');
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown + '\n');
  if (onGitHubActions()) {
    const violations = results.flatMap((r) =>
      r.status === 'violated' && r.verdict
        ? [{ ...r.verdict, claim: r.claim, config: r.config, replay: r.replay }]
        : [],
    );
    for (const line of violationAnnotations(violations)) process.stderr.write(line + '\n');
  }
  if (values.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  else process.stdout.write(summaryText(summary, out));
  // `holds` only with vitest exiting 0 (counted into tests.failed above), no failed test and every check holding.
  return summary.status === 'holds' ? 0 : 1;
}

type Summary = ReturnType<typeof summarise>;

/** The words the text and Markdown outputs print for a run's status (docs/cli.md, "Status words"). */
const STATUS_WORD = { holds: 'VERIFIED', violated: 'VIOLATED', error: 'ERROR' } as const;

/**
 * The run's status, in the vocabulary of `drift` and of every result: `violated` when some claim has a confirmed
 * counterexample, else `error` when a check threw or a test failed, else `holds`.
 */
function runStatus(results: readonly RecordedResult[], tests: { failed: number }): 'holds' | 'violated' | 'error' {
  if (results.some((r) => r.status === 'violated')) return 'violated';
  if (tests.failed > 0 || results.some((r) => r.status !== 'holds')) return 'error';
  return 'holds';
}

function summarise(
  results: RecordedResult[],
  tests: { passed: number; failed: number; total: number },
  meta: { seed: number; runs: number; shard: string; durationMs: number },
) {
  const perClaim = claimCoverage(
    results,
    CLAIMS.map((c) => c.id),
  );
  return {
    ...meta,
    status: runStatus(results, tests),
    tests,
    claims: perClaim,
    violated: results
      .filter((r) => r.status !== 'holds')
      .map((r) => ({
        claim: r.claim,
        config: r.config,
        status: r.status,
        report: r.reportPath,
        replay: r.replay,
        error: r.error,
      })),
  };
}

function claimRows(s: Summary) {
  return coverageRows(s.claims);
}

const HEADER = COVERAGE_HEADER;

function summaryText(s: Summary, out: string): string {
  const lines = [
    '',
    `mirror-check run: seed ${s.seed}, runs ×${s.runs}, shard ${s.shard}, ${(s.durationMs / 1000).toFixed(1)} s`,
    '',
    textTable(HEADER, claimRows(s)),
    `tests: ${s.tests.passed} passed, ${s.tests.failed} failed (claims above, plus engine properties, teeth and regressions)`,
    '',
    s.status === 'holds'
      ? 'VERIFIED: every claim holds on every registered configuration'
      : `${STATUS_WORD[s.status]}: see below`,
  ];
  for (const v of s.violated)
    lines.push(
      `  ${v.claim} on ${v.config}: ${v.status}${v.replay ? ` — ${v.replay}` : ''}${v.error ? ` — ${v.error}` : ''}`,
    );
  lines.push('', `summary: ${join(out, 'summary.md')}, ${join(out, 'summary.json')}`);
  return lines.join('\n') + '\n';
}

function summaryMarkdown(s: Summary): string {
  const failures = s.violated.map(
    (v) => `- \`${v.claim}\` on \`${v.config}\`: ${v.status}${v.replay ? ` — \`${v.replay}\`` : ''}`,
  );
  return [
    `# mirror-check run`,
    '',
    `**${STATUS_WORD[s.status]}** — seed ${s.seed}, runs ×${s.runs}, shard ${s.shard}, ${(s.durationMs / 1000).toFixed(1)} s; tests ${s.tests.passed} passed, ${s.tests.failed} failed.`,
    '',
    markdownTable(HEADER, claimRows(s)),
    '',
    ...(failures.length ? ['## Failures', '', ...failures, ''] : []),
  ].join('\n');
}
