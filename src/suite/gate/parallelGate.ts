import { InputError } from '../../errors.js';
import { runPool, taskModule } from '../../io/pool.js';
import { CLAIMS } from '../claims/index.js';
import type { ClaimRunResult } from '../runner/checkClaim.js';
import { columnEnds, gateOutcome, type GateOptions, type GateResult } from './driftGate.js';
import type { DriftSource } from './driftSource.js';
import type { GateJob, GateWorkerData } from './gateWorker.js';
import type { InteriorExit, Definition1Class } from './interiorOnly.js';

/** How long a worker may finish no (claim, configuration) before the gate gives up: twice the budget, ≥ 60 s. */
export function defaultStallMs(budgetMs: number): number {
  return Math.max(60_000, 2 * budgetMs);
}

/** What the plan job sends back: Definition 1's classification and result, and the plan's pairs by claim id. */
interface PlanReply {
  readonly drift: string;
  readonly definition1: Definition1Class['kind'];
  readonly boundary: ClaimRunResult | null;
  readonly configurations: readonly string[];
  readonly claims: readonly string[];
  readonly first: ClaimRunResult;
}

/**
 * Runs the gate on the worker pool (`workers` threads; one is still a thread, so the watchdog covers every drift).
 * The drift is loaded only inside the workers, each loading and probing it itself: a module whose top level never
 * finishes, or a drift that never returns, stops the gate with an InputError (exit 2) once no job has finished for
 * `stallMs`. First one job classifies the drift by Definition 1 and plans the gate (`runDriftGate`'s steps); then
 * the plan's pairs run in gate order on every worker, sharing the column ends (a SharedArrayBuffer), and results come
 * back in the gate's order, cut at each column's first confirmed counterexample, so they do not depend on the threads.
 */
export async function runDriftGateParallel(
  source: DriftSource,
  options: GateOptions,
  workers: number,
): Promise<GateResult> {
  const startedAt = options.startedAt ?? Date.now();
  const { onResult, ...plain } = options;
  const workerData: GateWorkerData = { source, options: { ...plain, startedAt }, ends: columnEnds() };
  const module = taskModule('./gateWorker.js', import.meta.url);
  const stallMs = options.stallMs ?? defaultStallMs(options.budgetMs);
  let name = 'module' in source ? source.module : 'expression';
  const onStall = (ms: number) =>
    new InputError(
      'drift',
      `${name} made no progress for ${Math.round(ms / 1000)} s (one check did not finish: does the drift load ` +
        `and return?); raise --timeout if it is just slow`,
    );
  const [plan] = await runPool<GateJob, PlanReply>(module, [{ kind: 'plan' }], {
    workers: 1,
    workerData,
    stallMs,
    onStall,
  });
  name = plan.drift;
  const total = plan.claims.length;
  onResult?.(plan.first, 1, total);
  const jobs: GateJob[] = plan.claims.slice(1).map((_, i) => ({
    kind: 'pair',
    index: i + 1,
    definition1: plan.definition1,
  }));
  if (plan.definition1 === 'interior-only') jobs.push({ kind: 'interior', definition1: plan.definition1 });
  let done = 1;
  const replies = await runPool<GateJob, ClaimRunResult | InteriorReply | null>(module, jobs, {
    workers,
    workerData,
    stallMs,
    onStall,
    onResult: (r, job) => {
      if (r !== null && job.kind === 'pair') onResult?.(r as ClaimRunResult, ++done, total);
    },
  });
  const byIndex = [plan.first, ...(replies.slice(0, total - 1) as (ClaimRunResult | null)[])];
  const interior = plan.definition1 === 'interior-only' ? (replies[total - 1] as InteriorReply) : null;
  const pairs = plan.claims.map((id) => ({ claim: CLAIMS.find((c) => c.id === id)! }));
  const classification = { kind: plan.definition1, boundary: plan.boundary };
  return gateOutcome(
    plan.drift,
    { configurations: plan.configurations, pairs },
    classification,
    interior,
    byIndex,
    startedAt,
  );
}

type InteriorReply = { readonly runs: number; readonly exits: readonly InteriorExit[] };
