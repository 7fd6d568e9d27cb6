/**
 * Command-line benchmark (issue 11, items 4 and 7): the wall time of whole commands as a user starts them, medians of
 * repeated child processes — `--help` and `evaluate` on a small file (startup: issue 11 asks ≤ 0.3 s), `node -e 0` for
 * the floor, and `reproduce` (Figure 3: all 24 runs on the worker pool; one run, or the single-step game with --quick).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fmt, row } from './measure.mjs';

const bin = new URL('../bin/mirror-check.js', import.meta.url).pathname;
const fixture = new URL('../fixtures/tabular-game.json', import.meta.url).pathname;

/** Median wall time of `runs` child processes `node args` (exit 0 required). */
function commandMs(args, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export function cliBench({ quick = false } = {}) {
  process.stdout.write('\n## Commands (wall time of a child process, medians)\n\n');
  row(['command', 'median', 'runs']);
  row(['---', '---:', '---:']);
  const n = quick ? 3 : 9;
  row(['`node -e 0` (the floor)', fmt(commandMs(['-e', '0'], n)), n]);
  row(['`mirror-check --help`', fmt(commandMs([bin, '--help'], n)), n]);
  row(['`mirror-check evaluate tabular-game.json`', fmt(commandMs([bin, 'evaluate', fixture], n)), n]);
  const out = mkdtempSync(join(tmpdir(), 'mirror-check-bench-'));
  const only = quick ? ['--only', 'single-step-game'] : [];
  const label = quick ? '`mirror-check reproduce --only single-step-game`' : '`mirror-check reproduce` (24 runs)';
  row([label, fmt(commandMs([bin, 'reproduce', '--out', out, ...only], 1)), 1]);
  rmSync(out, { recursive: true, force: true });
}
