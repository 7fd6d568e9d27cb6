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

/**
 * The ratio of `fn`'s time to `base`'s, measured alternately in `rounds` rounds (each a block of ≥ `blockMs` of each,
 * after a warm-up of both), as the median and extremes of the per-round ratios of block medians: a machine whose speed
 * moves by 1.5× for tens of seconds (these shared machines do) moves both sides of a round alike, where two medians
 * taken a minute apart can differ by that much.
 */
export function pairedRatio(fn, base, { rounds = 15, blockMs = 20 } = {}) {
  const block = (f) => medianMs(f, { warmup: 0, minRuns: 5, minTimeMs: blockMs }).median;
  for (let i = 0; i < 3; i++) {
    block(fn);
    block(base);
  }
  const ratios = [];
  for (let r = 0; r < rounds; r++) {
    // Alternating which goes first, so that a drift within a round does not favour one side.
    if (r % 2 === 0) {
      const a = block(fn);
      ratios.push(a / block(base));
    } else {
      const b = block(base);
      ratios.push(block(fn) / b);
    }
  }
  ratios.sort((a, b) => a - b);
  return { median: ratios[Math.floor(rounds / 2)], min: ratios[0], max: ratios[rounds - 1] };
}
