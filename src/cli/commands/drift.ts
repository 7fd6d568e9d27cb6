import { appendFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { InputError } from '../../errors.js';
import { DEFAULT_SEED } from '../../suite/configs/defaults.js';
import { defaultStallMs, runDriftGateParallel } from '../../suite/gate/parallelGate.js';
import type { DriftSource } from '../../suite/gate/driftSource.js';
import type { GateResult } from '../../suite/gate/driftGate.js';
import type { ClaimRunResult } from '../../suite/runner/checkClaim.js';
import { CELL_LEGEND, claimMatrix, claimMatrixMarkdown } from '../../suite/report/claimTable.js';
import { junitXml } from '../../suite/report/junit.js';
import { claimCoverage, COVERAGE_HEADER, coverageRows } from '../../suite/report/coverage.js';
import { integerFlag, parseCommandArgs } from '../args.js';
import { parseOptions } from '../commandSpecs.js';
import { onGitHubActions, violationAnnotations, workspacePath } from '../githubActions.js';
import { ProgressLine } from '../progress.js';
import { textTable } from '../../suite/report/textTable.js';
import { writeOutput } from '../writeOutput.js';

/**
 * `drift`: the CI gate for a new drift. Loads it (a module, or a hardened mathjs expression), checks Definition 1, then
 * every theorem property with it under each neighbourhood kind and sampling choice; prints claims × configurations.
 * Exit 0 when everything holds, 1 with counterexample reports when anything is violated, 2 when the drift does not
 * load, breaks its contract (throws, returns NaN or a non-number) or the input is bad.
 */
export async function driftCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('drift', argv, parseOptions('drift'));
  if ((values.expr === undefined) === (positionals.length === 0) || positionals.length > 1) {
    throw new InputError('drift', 'give exactly one drift: a module file, or --expr "<expression>"');
  }
  const source: DriftSource = values.expr !== undefined ? { expr: String(values.expr) } : { module: positionals[0] };
  const runs = values.runs === undefined ? undefined : integerFlag('runs', values.runs, 4, 1, 1_000_000);
  const seed = integerFlag('seed', values.seed, DEFAULT_SEED, -(2 ** 31), 2 ** 31 - 1);
  const budgetSeconds = integerFlag('budget', values.budget, 50, 1, 86_400);
  const timeoutSeconds = integerFlag('timeout', values.timeout, defaultStallMs(budgetSeconds * 1000) / 1000, 1, 86_400);
  const workers = integerFlag('workers', values.workers, Math.min(2, availableParallelism()), 1, 64);
  const reportDir = values.reports === undefined ? undefined : String(values.reports);
  const tty = process.stderr.isTTY && !values.json;
  const progress = new ProgressLine('mirror-check drift');
  const state = { done: 0, total: null as number | null, cases: 0 };
  const stopTicking = tty ? () => undefined : progress.tick(() => state);
  const result = await runDriftGateParallel(
    source,
    {
      seed,
      runs,
      budgetMs: budgetSeconds * 1000,
      stallMs: timeoutSeconds * 1000,
      reportDir,
      onResult: tty
        ? (r, done, total) => process.stderr.write(`\r  ${done}/${total} ${r.claim.padEnd(20)} ${r.status.padEnd(8)}`)
        : (r, done, total) => {
            Object.assign(state, { done, total, cases: state.cases + r.runs });
            progress.update(done, total, state.cases);
          },
    },
    workers,
  ).finally(stopTicking);
  if (tty) process.stderr.write('\r' + ' '.repeat(60) + '\r');
  if (values.junit !== undefined)
    writeOutput(junitXml(`mirror-check drift ${result.drift}`, result.results), String(values.junit), '--junit');
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, summaryMarkdown(result));
  if (onGitHubActions()) {
    const violations = result.results.flatMap((r) =>
      r.status === 'violated' && r.report
        ? [{ ...r.report.verdict, claim: r.claim, config: r.config, replay: r.report.replay }]
        : [],
    );
    const file = 'module' in source ? workspacePath(source.module) : undefined;
    for (const line of violationAnnotations(violations, file)) process.stderr.write(line + '\n');
  }
  if (values.json) process.stdout.write(JSON.stringify(jsonSummary(result, seed), null, 2) + '\n');
  else process.stdout.write(textSummary(result, seed));
  if (result.status === 'violated') return 1;
  if (result.status === 'error') return 2;
  const starved = starvedClaims(result);
  if (values.strict && starved.length) {
    process.stdout.write(`STRICT: no meaningful case for ${starved.join(', ')}: those claims were not checked\n`);
    return 1;
  }
  if (values.strict && result.notReached.length) {
    process.stdout.write(`STRICT: the time cap (--budget ${budgetSeconds}) was reached before the whole plan ran\n`);
    return 1;
  }
  return 0;
}

/** Claims (columns) none of whose cases could have failed: a decision to make, hypotheses met, something moved. */
function starvedClaims(result: GateResult): string[] {
  return claimCoverage(result.results)
    .filter((c) => c.meaningful === 0)
    .map((c) => c.claim);
}

function counts(result: GateResult) {
  const sum = (f: (r: ClaimRunResult) => number) => result.results.reduce((n, r) => n + f(r), 0);
  const runs = sum((r) => r.runs);
  const split = { holds: sum((r) => r.verdicts.holds), undecided: sum((r) => r.verdicts.undecided) };
  const violated = result.results.filter(
    (r): r is Extract<ClaimRunResult, { status: 'violated' }> => r.status === 'violated',
  );
  const errors = result.results.filter((r) => r.status === 'error');
  return { runs, split, violated, errors };
}

function verdictLine(result: GateResult): string {
  const { runs, split, violated, errors } = counts(result);
  if (result.status === 'violated')
    return `VIOLATED: ${violated.length} claim × configuration pair(s) have a counterexample`;
  if (result.status === 'error') return `ERROR: the drift broke its contract — ${errors[0].error}`;
  return (
    `VERIFIED: every claim holds on every configuration tried (${split.holds} of ${runs} cases held outright, ` +
    `${split.undecided} undecided within the certified error, ${runs - split.holds - split.undecided} outside the hypotheses)` +
    (result.notReached.length ? ' — on the cases reached before the time cap (see below)' : '')
  );
}

/** The pairs the time cap cut short, named (at most 8, then a count), or nothing when the whole plan ran. */
function notReachedLines(result: GateResult): string[] {
  const n = result.notReached;
  if (n.length === 0) return [];
  const cases = n.reduce((k, x) => k + x.cases, 0);
  const shown = n.slice(0, 8).map((x) => `  ${x.claim} on ${x.config}: ${x.cases} case(s) not reached`);
  return [
    '',
    `TIME CAP: ${cases} planned case(s) in ${n.length} pair(s) were not reached within --budget; the verdict covers ` +
      'the cases run (raise --budget to run the whole plan; --strict fails here):',
    ...shown,
    ...(n.length > 8 ? [`  … and ${n.length - 8} more pair(s) (all of them in --json)`] : []),
  ];
}

/** The line saying how many pairs a confirmed counterexample made unnecessary. */
function endedLines(result: GateResult): string[] {
  if (result.ended === 0) return [];
  return [
    `(${result.ended} further pair(s) not run: a claim's column ends at its first confirmed counterexample, shown as —)`,
  ];
}

/** The interior-only warning lines (docs/verification.md, "Interior-only"), or none. */
function interiorLines(result: GateResult): string[] {
  if (result.definition1 !== 'interior-only') return [];
  const lines = [
    '',
    'INTERIOR-ONLY: Definition 1 fails only at policies with zeros (like KL, reverse KL, Hellinger, χ²):',
  ];
  const b = result.boundary?.report;
  if (b) {
    const where = Object.entries(b.verdict.where)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    lines.push(
      `  at a boundary π (${where}): ${b.verdict.reason ?? b.verdict.inequality}`,
      `  report: ${result.boundary!.reportPath ?? '(not written)'}`,
    );
  }
  lines.push('  so the theorems were checked with full-support policies only.');
  const i = result.interior;
  if (i && i.exits.length === 0)
    lines.push(`  Its updates kept interior policies interior in all ${i.runs} runs tried.`);
  else if (i) {
    const e = i.exits[0];
    lines.push(
      `  Its updates leave the interior in ${i.exits.length} of ${i.runs} runs (first: ${e.config}, iteration ${e.iteration}, ` +
        `state ${e.state}, action ${e.action} → 0): Theorem 1 covers such a run only up to there.`,
    );
  }
  return lines;
}

function textSummary(result: GateResult, seed: number): string {
  const { runs, violated } = counts(result);
  const { claims, rows } = claimMatrix(result.results);
  const table = textTable(
    ['configuration', ...claims],
    rows.map((r) => [r.config.replace(`${result.drift} | `, ''), ...r.cells]),
  );
  const lines = [
    `drift ${result.drift}: ${result.results.length} checks, ${runs} generated cases, seed ${seed}, ${(result.durationMs / 1000).toFixed(1)} s`,
    '',
    table,
    CELL_LEGEND,
    '',
    textTable(COVERAGE_HEADER, coverageRows(claimCoverage(result.results))),
    '',
    verdictLine(result),
    ...endedLines(result),
    ...notReachedLines(result),
    ...interiorLines(result),
  ];
  for (const r of violated) {
    const v = r.report.verdict;
    lines.push(
      '',
      `  ${r.claim} on ${r.config}`,
      `    ${v.inequality}: left ${v.lhs}, right ${v.rhs}, margin ${v.margin} (certified error ${v.error})`,
      `    ${r.report.size.states} states × ${r.report.size.actions} actions; confirmed: ${r.report.confirmation.confirmed ? 'yes' : 'no'} (${r.report.confirmation.method})`,
      `    report: ${r.reportPath}`,
      `    replay: ${r.report.replay}`,
    );
  }
  return lines.join('\n') + '\n';
}

function summaryMarkdown(result: GateResult): string {
  const { violated } = counts(result);
  const links = violated.map((r) => `- \`${r.claim}\` on \`${r.config}\`: \`${r.report.replay}\``).join('\n');
  const interior = [...endedLines(result), ...notReachedLines(result), ...interiorLines(result)].join('\n');
  return `## mirror-check drift \`${result.drift}\`\n\n**${verdictLine(result)}**\n${interior ? `\n\`\`\`\n${interior.trim()}\n\`\`\`\n` : ''}\n${claimMatrixMarkdown(result.results)}\n\n${links}\n`;
}

function jsonSummary(result: GateResult, seed: number) {
  return {
    drift: result.drift,
    status: result.status,
    definition1: result.definition1,
    boundary: result.boundary
      ? { report: result.boundary.reportPath, verdict: result.boundary.report?.verdict ?? null }
      : null,
    interior: result.interior,
    coverage: claimCoverage(result.results),
    ended: result.ended,
    notReached: result.notReached,
    seed,
    durationMs: result.durationMs,
    results: result.results.map((r) => ({
      claim: r.claim,
      config: r.config,
      status: r.status,
      runs: r.runs,
      planned: r.planned,
      interrupted: r.interrupted,
      verdicts: r.verdicts,
      meaningful: r.meaningful,
      report: r.reportPath,
      replay: r.report?.replay ?? null,
      verdict: r.report?.verdict ?? null,
      error: r.error,
    })),
  };
}
