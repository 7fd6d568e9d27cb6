import { workerData } from 'piscina';
import type { Drift } from '../../mirror/drifts/drift.js';
import { poolTask } from '../../io/pool.js';
import { probeDrift } from '../userDrift/probeDrift.js';
import {
  classifyGateDrift,
  gatePlan,
  recordDefinition1,
  runGatePair,
  type ColumnEnds,
  type GateOptions,
  type GatePlan,
} from './driftGate.js';
import { loadDrift, type DriftSource } from './driftSource.js';
import { interiorCheck, type Definition1Class } from './interiorOnly.js';

/** What every worker of a gate is given: the drift's source (it loads the drift itself), the options, the column ends. */
export interface GateWorkerData {
  readonly source: DriftSource;
  readonly options: GateOptions;
  readonly ends: ColumnEnds;
  /** The plan's pairs by claim id, as the main thread planned them (each worker checks its own plan against it). */
  readonly claims: readonly string[];
}

/**
 * A job of the gate's worker pool: run pair `index` of the plan (pair 0 is Definition 1's classification), or check
 * that an interior-only drift's runs stay interior.
 */
export type GateJob = { readonly kind: 'pair'; readonly index: number } | { readonly kind: 'interior' };

/** What pair 0 sends back: Definition 1's classification, and the drift's name and configurations. */
export type FirstReply = Definition1Class & { readonly drift: string; readonly configurations: readonly string[] };

const data = workerData as GateWorkerData;
let loaded: Promise<Drift> | null = null;
/** The drift, loaded and probed once per worker thread (under the pool's watchdog: a module that hangs is caught). */
const drift = () =>
  (loaded ??= loadDrift(data.source).then((d) => {
    probeDrift(d);
    return d;
  }));
let classified: { classification: Definition1Class; plan: GatePlan } | null = null;
/**
 * Definition 1's classification and the plan, once per worker thread: each worker classifies for itself (the same
 * seed and cases, so the same answer), so no worker waits for another before its first pair.
 */
const classifiedDrift = async () => {
  if (!classified) {
    const d = await drift();
    const classification = classifyGateDrift(d, data.options);
    const plan = gatePlan(d, classification.kind);
    const claims = plan.pairs.map((p) => p.claim.id);
    if (claims.join() !== data.claims.join())
      throw new Error(
        `the gate's plan for ${d.name} (${claims.length} pairs) is not the one planned (${data.claims.length})`,
      );
    classified = { classification, plan };
  }
  return classified;
};

/** One of the gate's worker threads: a `GateJob` at a time. */
export default poolTask(async (job: GateJob) => {
  const { classification, plan } = await classifiedDrift();
  if (job.kind === 'interior')
    return classification.kind === 'interior-only' ? interiorCheck(plan.configurations, data.options.seed) : null;
  if (job.index === 0) {
    const result = recordDefinition1(plan, classification, data.ends);
    const configurations = plan.configurations.map((e) => e.label);
    return { ...classification, result, drift: (await drift()).name, configurations } satisfies FirstReply;
  }
  return runGatePair(plan, job.index, data.options, data.ends);
});
