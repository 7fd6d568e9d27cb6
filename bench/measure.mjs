/** Benchmark helpers: medians of repeated timings after a warm-up, in milliseconds. */
import { performance } from 'node:perf_hooks';

/** Runs `fn` until `minTimeMs` has passed and at least `minRuns` timed runs exist (after `warmup` untimed runs). */
export function medianMs(fn, { warmup = 5, minRuns = 15, minTimeMs = 400, maxRuns = 100_000 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  const start = performance.now();
  while (times.length < maxRuns && (times.length < minRuns || performance.now() - start < minTimeMs)) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], runs: times.length };
}

/** Prints a row of a Markdown table. */
export function row(cells) {
  process.stdout.write(`| ${cells.join(' | ')} |\n`);
}

export function fmt(ms) {
  return ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(1)} µs`;
}
