import { parentPort, workerData } from 'node:worker_threads';
import { runDriftGate, type GateOptions } from './driftGate.js';
import { loadDrift, type DriftSource } from './driftSource.js';

/** One of the gate's worker threads: loads the drift itself and runs the pairs with index ≡ part (mod parts). */
const data = workerData as { source: DriftSource; options: GateOptions; part: number; parts: number };
const drift = await loadDrift(data.source);
const result = runDriftGate(drift, {
  ...data.options,
  only: (i) => i % data.parts === data.part,
  onResult: (r, done, total) => parentPort!.postMessage({ kind: 'progress', result: r, done, total }),
});
parentPort!.postMessage({ kind: 'done', result: { results: result.results } });
