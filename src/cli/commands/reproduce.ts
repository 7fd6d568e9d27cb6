import { availableParallelism } from 'node:os';
import { markdownTable } from '../../suite/report/markdownTable.js';
import { join, resolve } from 'node:path';
import { runPool, taskModule } from '../../io/pool.js';
import { InputError } from '../../errors.js';
import {
  FIGURE3_DRIFTS,
  FIGURE3_ENVIRONMENTS,
  FIGURE3_ITERATIONS,
  FIGURE3_NEIGHBOURHOODS,
  figure3Panel,
  type Figure3Panel,
  type Figure3Series,
} from '../../experiments/figure3.js';
import { figure3Svg } from '../../experiments/figure3Chart.js';
import { integerFlag, parseCommandArgs } from '../args.js';
import { parseOptions } from '../commandSpecs.js';
import { formatNumber, textTable } from '../../suite/report/textTable.js';
import { writeOutput } from '../writeOutput.js';

type Job = { environment: number; neighbourhood: number; drift: number };

/** Runs the jobs on the worker pool (longest-looking first), keyed `environment/neighbourhood/drift`. */
async function runJobs(
  jobs: Job[],
  workers: number,
  progress: (done: number) => void,
): Promise<Map<string, Figure3Series>> {
  const key = (j: Job) => `${j.environment}/${j.neighbourhood}/${j.drift}`;
  const series = await runPool<Job, Figure3Series>(
    taskModule('../../experiments/figure3Worker.js', import.meta.url),
    jobs,
    {
      workers,
      // One 50-iteration run of Figure 3 takes seconds; an hour without one finishing is a hang.
      stallMs: 60 * 60_000,
      onStall: (ms) => new Error(`reproduce: no run finished for ${Math.round(ms / 1000)} s`),
      onResult: (_s, _job, _index, done) => progress(done),
    },
  );
  return new Map(jobs.map((j, i) => [key(j), series[i]]));
}

/**
 * `reproduce`: the paper's Figure 3 with exact updates — the three environments × drifts {zero, 50·TV², 50·L2², 50·KL} ×
 * neighbourhoods {expected-drift ball, KL ball} (δ = 0.05), β = ν = uniform, 50 iterations from the uniform policy.
 * Writes one SVG per environment × neighbourhood (return, and the cumulative drift shifted by the initial return, per
 * iteration) and a table of final returns against the exact optima and the paper's stated values.
 */
export async function reproduceCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('reproduce', argv, parseOptions('reproduce'));
  const out = resolve(values.out === undefined ? join('reports', 'figure3') : String(values.out));
  const workers = integerFlag('workers', values.workers, Math.min(2, availableParallelism()), 1, 64);
  const ids = FIGURE3_ENVIRONMENTS.map((e) => e.id);
  const only =
    values.only === undefined
      ? ids
      : String(values.only)
          .split(',')
          .map((s) => s.trim());
  for (const id of only) {
    if (!ids.includes(id))
      throw new InputError('--only', `unknown environment ${JSON.stringify(id)} (known: ${ids.join(', ')})`);
  }
  const envIndices = FIGURE3_ENVIRONMENTS.map((_, i) => i).filter((i) => only.includes(ids[i]));
  const jobs: Job[] = envIndices.flatMap((environment) =>
    FIGURE3_NEIGHBOURHOODS.flatMap((_, neighbourhood) =>
      FIGURE3_DRIFTS.map((_, drift) => ({ environment, neighbourhood, drift })),
    ),
  );
  // Mixed drift-in-KL-ball runs on the larger environments are the slow ones: start them first.
  const cost = (j: Job) =>
    (j.neighbourhood === 1 && j.drift === 1 ? 100 : j.neighbourhood === 1 && j.drift === 2 ? 10 : 1) *
    (1 + j.environment);
  jobs.sort((a, b) => cost(b) - cost(a));
  const started = Date.now();
  const tty = process.stderr.isTTY && !values.json;
  const results = await runJobs(jobs, workers, (done) => {
    if (tty) process.stderr.write(`\r  ${done}/${jobs.length} runs`);
  });
  if (tty) process.stderr.write('\r' + ' '.repeat(30) + '\r');
  const panels: Figure3Panel[] = envIndices.flatMap((e) =>
    FIGURE3_NEIGHBOURHOODS.map((_, n) => ({
      ...figure3Panel(e, n),
      series: FIGURE3_DRIFTS.map((_, d) => results.get(`${e}/${n}/${d}`)!),
    })),
  );
  const files: string[] = [];
  for (const p of panels) {
    const file = figure3File(p);
    writeOutput(figure3Svg(p), join(out, file), '--out');
    files.push(file);
  }
  const seconds = (Date.now() - started) / 1000;
  writeOutput(figure3Readme(panels), join(out, 'README.md'), '--out');
  // Timings go to summary.json and the terminal only: README.md and the SVGs are a function of the results.
  const summary = { seconds, panels, files };
  writeOutput(JSON.stringify(summary, null, 2) + '\n', join(out, 'summary.json'), '--out');
  if (values.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  else {
    const perRun = panels.flatMap((p) => p.series.map((s) => s.seconds));
    const rows = finalReturns(panels).map((r, k) => [...r, perRun[k]]);
    process.stdout.write(textTable([...FINAL_RETURNS_HEADER, 'seconds'], rows));
    process.stdout.write(`\n${files.length} plots and README.md in ${out} (${seconds.toFixed(1)} s)\n`);
  }
  return 0;
}

/** A panel's SVG file name: `<environment>-<neighbourhood>.svg`. */
export const figure3File = (p: Figure3Panel): string => `${p.environment}-${p.neighbourhood}.svg`;

const FINAL_RETURNS_HEADER = ['environment', 'neighbourhood', 'drift', 'η(π₅₀)', 'η* exact', 'η* − η(π₅₀)', 'paper'];

/** Per panel and drift: the final return against the exact optimum and the paper's stated value. */
function finalReturns(panels: readonly Figure3Panel[]): (string | number)[][] {
  return panels.flatMap((p) =>
    p.series.map((s) => [
      p.environment,
      p.neighbourhood,
      s.label,
      s.eta[FIGURE3_ITERATIONS],
      p.etaStar,
      p.etaStar - s.eta[FIGURE3_ITERATIONS],
      p.paperReturn,
    ]),
  );
}

/** reports/figure3/README.md: the panels and the table of final returns (no timings: the same results give the same bytes). */
export function figure3Readme(panels: readonly Figure3Panel[]): string {
  const rows = finalReturns(panels).map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)));
  return [
    '# Figure 3, reproduced with exact updates',
    '',
    'Written by `mirror-check reproduce` (Kuba et al. 2022, Section 7, Figure 3): each environment × neighbourhood, the',
    'drifts zero, 50·TV², 50·L2² and 50·KL, β = ν = uniform, π₀ uniform, 50 iterations. Solid: the return η(πₙ);',
    'dashed: η(π₀) plus the cumulative weighted drift, which Theorem 1.1 keeps below it; dotted: the exact η*.',
    '',
    ...panels.map((p) => `![${p.environmentTitle} — ${p.neighbourhoodLabel}](${figure3File(p)})`),
    '',
    markdownTable(FINAL_RETURNS_HEADER, rows),
    '',
  ].join('\n');
}
