import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../../errors.js';
import { probeDrift } from '../userDrift/probeDrift.js';
import { runDriftGate, type ColumnEnds, type GateOptions } from './driftGate.js';
import { loadDrift, type DriftSource } from './driftSource.js';

/**
 * One of the gate's worker threads: loads and probes the drift itself (so the watchdog covers a drift that hangs on
 * its first call) and runs the pairs with index ≡ part (mod parts). A contract breach found by the probe goes back as
 * an `input-error` message, which the main thread turns into its one-line exit-2 error.
 */
const data = workerData as {
  source: DriftSource;
  options: GateOptions;
  ends: ColumnEnds;
  part: number;
  parts: number;
};
try {
  const drift = await loadDrift(data.source);
  probeDrift(drift);
  const result = runDriftGate(drift, {
    ...data.options,
    only: (i) => i % data.parts === data.part,
    ends: data.ends,
    onResult: (r, done, total) => parentPort!.postMessage({ kind: 'progress', result: r, done, total }),
  });
  // Configurations hold functions (the drift): only the data goes back.
  const { byIndex, definition1, boundary, interior } = result;
  parentPort!.postMessage({ kind: 'done', result: { byIndex, definition1, boundary, interior } });
} catch (e) {
  if (!(e instanceof InputError)) throw e;
  parentPort!.postMessage({ kind: 'input-error', field: e.field, problem: e.problem });
}
