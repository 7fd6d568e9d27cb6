import { Worker } from 'node:worker_threads';
import { InputError } from '../../errors.js';
import type { ClaimRunResult } from '../runner/checkClaim.js';
import {
  columnEnds,
  gateConfigurations,
  gateResults,
  gatePairs,
  gateStatus,
  runDriftGate,
  type GateOptions,
  type GateResult,
} from './driftGate.js';
import { probeDrift } from '../userDrift/probeDrift.js';
import { loadDrift, type DriftSource } from './driftSource.js';
import { asInteriorOnly } from './interiorOnly.js';

/** What a worker sends back: its pairs' results by gate index (null where not its pair, or its column ended). */
type WorkerPart = Pick<GateResult, 'definition1' | 'boundary' | 'interior'> & {
  readonly byIndex: readonly (ClaimRunResult | null)[];
};

/** How long a worker may finish no (claim, configuration) before the gate gives up: twice the budget, ≥ 60 s. */
export function defaultStallMs(budgetMs: number): number {
  return Math.max(60_000, 2 * budgetMs);
}

/**
 * Runs the gate on `workers` threads (one per core; one thread when `workers` is 1): each loads and probes the drift
 * from its source and takes every `workers`-th (claim, configuration) pair; results come back in the gate's order. A
 * watchdog stops the gate with an InputError (exit 2) when a worker finishes no pair for `stallMs`: a drift that never
 * returns, even on its first call. Only when this module runs from TypeScript source (tests), where a worker cannot
 * load .ts, does the gate run in-process, without the watchdog.
 */
export async function runDriftGateParallel(
  source: DriftSource,
  options: GateOptions,
  workers: number,
): Promise<GateResult> {
  const drift = await loadDrift(source);
  const workerUrl = new URL('./gateWorker.js', import.meta.url);
  if (import.meta.url.endsWith('.ts')) {
    probeDrift(drift);
    return runDriftGate(drift, options);
  }
  const started = Date.now();
  const pairs = gatePairs(gateConfigurations(drift));
  const total = pairs.length;
  const ends = columnEnds();
  let done = 0;
  const threads: Worker[] = [];
  const lastProgress: number[] = [];
  let watchdog: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    const stallMs = options.stallMs ?? defaultStallMs(options.budgetMs);
    watchdog = setInterval(
      () => {
        const part = lastProgress.findIndex((t) => Date.now() - t > stallMs);
        if (part < 0) return;
        reject(
          new InputError(
            'drift',
            `${drift.name} made no progress for ${Math.round(stallMs / 1000)} s (one check did not finish: does the ` +
              `drift return?); raise --timeout if it is just slow`,
          ),
        );
      },
      Math.min(1000, stallMs / 4),
    );
  });
  let parts: WorkerPart[];
  try {
    const all = Promise.all(
      Array.from(
        { length: workers },
        (_, part) =>
          new Promise<WorkerPart>((resolvePart, reject) => {
            const { onResult: _progress, ...plain } = options;
            const workerData = { source, options: { ...plain, startedAt: started }, ends, part, parts: workers };
            const worker = new Worker(workerUrl, { workerData });
            threads.push(worker);
            lastProgress[part] = Date.now();
            worker.on('message', (m: { kind: string; result: unknown; field?: string; problem?: string }) => {
              lastProgress[part] = Date.now();
              if (m.kind === 'progress') options.onResult?.(m.result as ClaimRunResult, ++done, total);
              else if (m.kind === 'input-error') reject(new InputError(m.field!, m.problem!));
              else {
                lastProgress[part] = Infinity;
                resolvePart(m.result as WorkerPart);
              }
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0) reject(new Error(`gate worker ${part} exited with code ${code}`));
            });
          }),
      ),
    );
    all.catch(() => undefined); // after the watchdog fires, the terminated workers' exits must not go unhandled
    parts = await Promise.race([stalled, all]);
  } catch (e) {
    for (const t of threads) void t.terminate(); // a stall, a contract breach or a crash ends every worker
    throw e;
  } finally {
    clearInterval(watchdog);
  }
  // Back into the gate's order (pair i was run by worker i mod n, or not at all when its column had ended).
  const { results, ended, notReached } = gateResults(
    pairs,
    pairs.map((_, i) => parts[i % workers].byIndex[i]),
  );
  // Worker 0 ran pair 0: it reports Definition 1's classification and the interior check.
  const { definition1, boundary, interior } = parts[0];
  const configurations = gateConfigurations(definition1 === 'interior-only' ? asInteriorOnly(drift) : drift);
  return {
    drift: drift.name,
    configurations,
    definition1,
    boundary,
    interior,
    results,
    ended,
    notReached,
    status: gateStatus(results),
    durationMs: Date.now() - started,
  };
}
