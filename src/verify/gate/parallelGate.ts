import { Worker } from 'node:worker_threads';
import type { ClaimRunResult } from '../runner/checkClaim.js';
import {
  gateConfigurations,
  gatePairs,
  gateStatus,
  runDriftGate,
  type GateOptions,
  type GateResult,
} from './driftGate.js';
import { probeDrift } from '../userDrift/probeDrift.js';
import { loadDrift, type DriftSource } from './driftSource.js';

/**
 * Runs the gate on `workers` threads (one per core): each loads the drift from its source and takes every
 * `workers`-th (claim, configuration) pair; results come back in the gate's order. With one worker (or when this
 * module runs from TypeScript source, where a worker cannot load .ts) it runs in-process.
 */
export async function runDriftGateParallel(
  source: DriftSource,
  options: GateOptions,
  workers: number,
): Promise<GateResult> {
  const drift = await loadDrift(source);
  probeDrift(drift);
  const workerUrl = new URL('./gateWorker.js', import.meta.url);
  if (workers <= 1 || import.meta.url.endsWith('.ts')) return runDriftGate(drift, options);
  const started = Date.now();
  const total = gatePairs(gateConfigurations(drift)).length;
  let done = 0;
  const parts = await Promise.all(
    Array.from(
      { length: workers },
      (_, part) =>
        new Promise<GateResult>((resolvePart, reject) => {
          const { onResult: _progress, ...plain } = options;
          const worker = new Worker(workerUrl, { workerData: { source, options: plain, part, parts: workers } });
          worker.on('message', (m: { kind: string; result: unknown; done?: number }) => {
            if (m.kind === 'progress') options.onResult?.(m.result as ClaimRunResult, ++done, total);
            else resolvePart(m.result as GateResult);
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (code !== 0) reject(new Error(`gate worker ${part} exited with code ${code}`));
          });
        }),
    ),
  );
  // Interleave back into the gate's order: pair i was run by worker i mod n as its (i div n)-th.
  const results: ClaimRunResult[] = [];
  for (let i = 0; i < total; i++) results.push(parts[i % workers].results[Math.floor(i / workers)]);
  return {
    drift: drift.name,
    configurations: gateConfigurations(drift),
    results,
    status: gateStatus(results),
    durationMs: Date.now() - started,
  };
}
