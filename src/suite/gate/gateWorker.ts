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
}

/**
 * A job of the gate's worker pool: classify the drift by Definition 1 and plan the gate (`plan`, the first job), run
 * one pair of the plan, or check that an interior-only drift's runs stay interior.
 */
export type GateJob =
  | { readonly kind: 'plan' }
  | { readonly kind: 'pair'; readonly index: number; readonly definition1: Definition1Class['kind'] }
  | { readonly kind: 'interior'; readonly definition1: Definition1Class['kind'] };

const data = workerData as GateWorkerData;
let loaded: Promise<Drift> | null = null;
/** The drift, loaded and probed once per worker thread (under the pool's watchdog: a module that hangs is caught). */
const drift = () =>
  (loaded ??= loadDrift(data.source).then((d) => {
    probeDrift(d);
    return d;
  }));
let plan: GatePlan | null = null;
const planOf = async (definition1: Definition1Class['kind']) => (plan ??= gatePlan(await drift(), definition1));

/** One of the gate's worker threads: a `GateJob` at a time. */
export default poolTask(async (job: GateJob) => {
  if (job.kind === 'plan') {
    const d = await drift();
    const classification = classifyGateDrift(d, data.options);
    const p = (plan = gatePlan(d, classification.kind));
    const first = recordDefinition1(p, classification, data.ends);
    return {
      drift: d.name,
      definition1: classification.kind,
      boundary: classification.boundary,
      configurations: p.configurations.map((e) => e.label),
      claims: p.pairs.map((x) => x.claim.id),
      first,
    };
  }
  const p = await planOf(job.definition1);
  if (job.kind === 'interior') return interiorCheck(p.configurations, data.options.seed);
  return runGatePair(p, job.index, data.options, data.ends);
});
