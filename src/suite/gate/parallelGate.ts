import { InputError } from '../../errors.js';
import { runPool, taskModule } from '../../io/pool.js';
import { CLAIMS } from '../claims/index.js';
import type { ClaimRunResult } from '../runner/checkClaim.js';
import {
  columnEnds,
  gateConfigurations,
  gateOutcome,
  gatePairs,
  type GateOptions,
  type GateResult,
} from './driftGate.js';
import type { DriftSource } from './driftSource.js';
import type { FirstReply, GateJob, GateWorkerData } from './gateWorker.js';
import { zeroDrift } from '../../mirror/drifts/zeroDrift.js';

/** How long a worker may finish no (claim, configuration) before the gate gives up: twice the budget, ≥ 60 s. */
export function defaultStallMs(budgetMs: number): number {
  return Math.max(60_000, 2 * budgetMs);
}

/**
 * Runs the gate on the worker pool (`workers` threads; one is still a thread, so the watchdog covers every drift).
 * The drift is loaded only inside the workers, each loading and probing it itself: a module whose top level never
 * finishes, or a drift that never returns, stops the gate with an InputError (exit 2) once no job has finished for
 * `stallMs`. The pairs run in gate order on every worker, each worker classifying the drift by Definition 1 once for
 * itself (`runDriftGate`'s steps; the same seed and cases, so the same answer) and sharing the column ends (a
 * SharedArrayBuffer). Results come back in the gate's order, cut at each column's first confirmed counterexample, so
 * they do not depend on the threads. The pairs (which claims, in which order) do not depend on the drift: the main
 * thread plans them with a stand-in, and each worker checks its own plan against that.
 */
export async function runDriftGateParallel(
  source: DriftSource,
  options: GateOptions,
  workers: number,
): Promise<GateResult> {
  const startedAt = options.startedAt ?? Date.now();
  const { onResult, ...plain } = options;
  const claims = gatePairs(gateConfigurations(zeroDrift)).map((p) => p.claim.id);
  const workerData: GateWorkerData = {
    source,
    options: { ...plain, startedAt, workers },
    ends: columnEnds(),
    claims,
  };
  const name = 'module' in source ? source.module : 'the expression';
  const jobs: GateJob[] = [...claims.map((_, index) => ({ kind: 'pair' as const, index })), { kind: 'interior' }];
  let done = 0;
  const replies = await runPool<GateJob, unknown>(taskModule('./gateWorker.js', import.meta.url), jobs, {
    workers,
    workerData,
    stallMs: options.stallMs ?? defaultStallMs(options.budgetMs),
    onStall: (ms) =>
      new InputError(
        'drift',
        `${name} made no progress for ${Math.round(ms / 1000)} s (one check did not finish: does the drift load ` +
          `and return?); raise --timeout if it is just slow`,
      ),
    onResult: (r, job) => {
      if (r === null || job.kind !== 'pair') return;
      onResult?.(job.index === 0 ? (r as FirstReply).result : (r as ClaimRunResult), ++done, claims.length);
    },
  });
  const first = replies[0] as FirstReply;
  const byIndex = [first.result, ...(replies.slice(1, claims.length) as (ClaimRunResult | null)[])];
  const interior = replies[claims.length] as GateResult['interior'];
  const pairs = claims.map((id) => ({ claim: CLAIMS.find((c) => c.id === id)! }));
  return gateOutcome(first.drift, { configurations: first.configurations, pairs }, first, interior, byIndex, startedAt);
}
