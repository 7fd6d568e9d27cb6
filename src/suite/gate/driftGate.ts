import type { Drift } from '../../mirror/drifts/drift.js';
import { CLAIMS, type Claim } from '../claims/index.js';
import { resolveConfig, type RegisteredConfig } from '../configs/configSpec.js';
import { checkClaim, type ClaimRunResult } from '../runner/checkClaim.js';
import {
  asInteriorOnly,
  classifyDefinition1,
  interiorCheck,
  type Definition1Class,
  type InteriorExit,
} from './interiorOnly.js';

/** The neighbourhood kinds a user's drift is checked under: none, its own expected ball, the KL ball, a state ball. */
export const GATE_NEIGHBOURHOODS = ['trivial', 'drift-ball:0.05', 'kl-ball:0.05', 'l2-state-ball:0.1'];
/** The sampling choices it is checked under. */
export const GATE_SAMPLINGS = ['uniform', 'visitation', 'off-policy'];

/** Default runs per claim and configuration in the gate (121 pairs: about 480 cases in all). */
export const GATE_RUNS = 4;

export interface GateOptions {
  readonly seed: number;
  /** Runs per claim and configuration (default: each claim's own default). */
  readonly runs?: number;
  /**
   * The gate's time cap, in milliseconds from `startedAt`: a pair still running at the cap stops generating (after
   * its first case), later pairs make their first case only, and the cases not reached are named (`notReached`).
   */
  readonly budgetMs: number;
  /** When the gate started (epoch ms; default: when `runDriftGate` is called). Workers share the main thread's. */
  readonly startedAt?: number;
  readonly reportDir?: string | null;
  /** Threaded gate only: give up (InputError) when a worker finishes no pair for this long (default `defaultStallMs`). */
  readonly stallMs?: number;
  /** How many threads share the pairs (default 1): each pair's shrink budget is its share of what its thread has left. */
  readonly workers?: number;
  /** Called after each (claim, configuration) (progress display). */
  readonly onResult?: (r: ClaimRunResult, done: number, total: number) => void;
}

/** A (claim, configuration) pair that the time cap cut short: how many of its planned cases were not run. */
export interface NotReached {
  readonly claim: string;
  readonly config: string;
  readonly cases: number;
}

export interface GateResult {
  readonly drift: string;
  /** The labels of the configurations it was checked in. */
  readonly configurations: readonly string[];
  /** One result per pair run, in gate order; pairs after their column's first confirmed counterexample are left out. */
  readonly results: readonly ClaimRunResult[];
  /** Pairs not run because their claim already had a confirmed counterexample (its column ended there). */
  readonly ended: number;
  /** Pairs the time cap cut short (empty when the whole plan ran: the verdict then does not depend on speed). */
  readonly notReached: readonly NotReached[];
  /** How the drift meets Definition 1: everywhere, only at full-support π (then checked there), or not. */
  readonly definition1: Definition1Class['kind'];
  /** For an interior-only drift: Definition 1's violation at a boundary π (a warning, not a failure). */
  readonly boundary: ClaimRunResult | null;
  /** For an interior-only drift: whether its updates kept interior starting policies interior, and where not. */
  readonly interior: { readonly runs: number; readonly exits: readonly InteriorExit[] } | null;
  /** `violated` if any claim is; else `error` if any check threw (a contract breach); else `holds`. */
  readonly status: 'holds' | 'violated' | 'error';
  readonly durationMs: number;
}

/** The configurations a user's drift is checked in: each neighbourhood kind × sampling choice, ν = β. */
export function gateConfigurations(drift: Drift): RegisteredConfig[] {
  const extra = { [drift.name]: drift };
  return GATE_NEIGHBOURHOODS.flatMap((neighbourhood) =>
    GATE_SAMPLINGS.map((sampling) =>
      resolveConfig({ drift: drift.name, neighbourhood, sampling, nu: 'sampling' }, extra),
    ),
  );
}

/**
 * Where each claim's column ended: for claim index c (in `CLAIMS`), the gate index of its first confirmed
 * counterexample so far, or `NOT_ENDED`. Shared between the gate's worker threads (a SharedArrayBuffer), so that a
 * counterexample found by one thread stops the others from running that claim's later pairs.
 */
export type ColumnEnds = Int32Array;
const NOT_ENDED = 0x7fffffff;

/** A fresh `ColumnEnds`, on shared memory so that worker threads can be given the same one. */
export function columnEnds(): ColumnEnds {
  return new Int32Array(new SharedArrayBuffer(4 * CLAIMS.length)).fill(NOT_ENDED);
}

/** Records a confirmed counterexample of `claim` at gate index `index` (an atomic minimum). */
function endColumn(ends: ColumnEnds, claim: Claim, index: number): void {
  const c = CLAIMS.indexOf(claim);
  for (let seen = Atomics.load(ends, c); index < seen; seen = Atomics.load(ends, c)) {
    if (Atomics.compareExchange(ends, c, seen, index) === seen) return;
  }
}

/** Whether a result ends its claim's column: a counterexample confirmed (exactly, or beyond certified bounds). */
function endsColumn(r: ClaimRunResult): boolean {
  return r.status === 'violated' && r.report?.confirmation.confirmed === true;
}

/**
 * The gate's results from the pairs' results in gate order (null: a pair that was not run): a claim's column ends at
 * its first confirmed counterexample in gate order, and every later pair of that claim is left out whether or not a
 * thread ran it, so the reported results do not depend on how the pairs were spread over threads or how fast they ran.
 */
export function gateResults(
  pairs: readonly { claim: Claim }[],
  byIndex: readonly (ClaimRunResult | null)[],
): { results: ClaimRunResult[]; ended: number; notReached: NotReached[] } {
  const ended = new Set<Claim>();
  const results: ClaimRunResult[] = [];
  let skipped = 0;
  pairs.forEach(({ claim }, i) => {
    const r = byIndex[i];
    if (ended.has(claim)) {
      skipped += 1;
      return;
    }
    if (r === null) throw new Error(`gate pair ${i} (${claim.id}) was not run, yet its column had not ended`);
    results.push(r);
    if (endsColumn(r)) ended.add(claim);
  });
  const notReached = results
    .filter((r) => r.interrupted && r.planned > r.runs && r.status === 'holds')
    .map((r) => ({ claim: r.claim, config: r.config, cases: r.planned - r.runs }));
  return { results, ended: skipped, notReached };
}

/** What the gate checks once Definition 1 has classified the drift: its configurations and (claim, configuration) pairs. */
export interface GatePlan {
  readonly configurations: readonly RegisteredConfig[];
  readonly pairs: readonly { readonly claim: Claim; readonly entry: RegisteredConfig }[];
}

/** Definition 1 on the gate's first configuration (the axioms do not depend on N or β): valid, interior-only or not. */
export function classifyGateDrift(drift: Drift, options: GateOptions): Definition1Class {
  return classifyDefinition1(drift, (d) => gateConfigurations(d)[0], {
    numRuns: options.runs ?? GATE_RUNS,
    seed: options.seed,
    reportDir: options.reportDir,
    small: true,
  });
}

/** The gate's plan for a classified drift: an interior-only drift is checked with interior policies. */
export function gatePlan(drift: Drift, definition1: Definition1Class['kind']): GatePlan {
  const configurations = gateConfigurations(definition1 === 'interior-only' ? asInteriorOnly(drift) : drift);
  return { configurations, pairs: gatePairs(configurations) };
}

/**
 * Runs pair `index` ≥ 1 of the plan (pair 0 is Definition 1's classification), or returns null when its claim's column
 * ended at an earlier pair. Past the time cap (`startedAt + budgetMs`) the pair makes its first case only; a confirmed
 * counterexample ends the column in `ends`.
 */
export function runGatePair(
  plan: GatePlan,
  index: number,
  options: GateOptions,
  ends: ColumnEnds,
): ClaimRunResult | null {
  const { claim, entry } = plan.pairs[index];
  if (Atomics.load(ends, CLAIMS.indexOf(claim)) < index) return null; // the column ended at an earlier pair
  const left = (options.startedAt ?? Date.now()) + options.budgetMs - Date.now();
  const r = checkClaim(claim, entry, {
    numRuns: options.runs ?? GATE_RUNS,
    seed: options.seed,
    reportDir: options.reportDir,
    // The cap: past it, the pair stops after its first case (an invalid drift fails mostly in Definition 1, which
    // always makes every run).
    timeLimitMs: Math.max(1, left),
    // Shrinking a counterexample takes at most the pair's share of what its thread has left (one per column now).
    shrinkBudgetMs: Math.max(50, left / Math.ceil((plan.pairs.length - index) / (options.workers ?? 1))),
    small: true,
  });
  if (endsColumn(r)) endColumn(ends, claim, index);
  return r;
}

/** The first result of the gate: Definition 1's classification, which ends its column when confirmed violated. */
export function recordDefinition1(plan: GatePlan, classification: Definition1Class, ends: ColumnEnds): ClaimRunResult {
  if (endsColumn(classification.result)) endColumn(ends, plan.pairs[0].claim, 0);
  return classification.result;
}

/** The gate's result from its pairs' results in gate order (null: not run), however they were spread over threads. */
export function gateOutcome(
  drift: string,
  plan: { readonly configurations: readonly string[]; readonly pairs: readonly { readonly claim: Claim }[] },
  classification: Pick<Definition1Class, 'kind' | 'boundary'>,
  interior: GateResult['interior'],
  byIndex: readonly (ClaimRunResult | null)[],
  startedAt: number,
): GateResult {
  const merged = gateResults(plan.pairs, byIndex);
  return {
    drift,
    configurations: plan.configurations,
    ...merged,
    definition1: classification.kind,
    boundary: classification.boundary,
    interior,
    status: gateStatus(merged.results),
    durationMs: Date.now() - startedAt,
  };
}

/**
 * The CI gate for a new drift, in this thread: Definition 1 first (on one configuration: the axioms do not depend on N
 * or β), then every theorem property in every gate configuration, on random MDPs and the paper's environments. The plan
 * is fixed by the seed: `runs` cases per pair (each claim's gate default), so the same drift and seed get the same
 * verdict on a fast or a slow machine. The budget is a cap, not a share: a pair still running when it is reached stops
 * generating (every pair makes at least its first case, so no cell is empty), and the cases not reached are named
 * (`notReached`; `drift --strict` fails then). A confirmed counterexample ends its claim's column: the claim is
 * violated, and its later pairs are not run. The sampling-distribution claim (about β, not the drift) and claims that
 * do not apply (the PPO identity) are left out.
 *
 * A drift that fails Definition 1 only at policies with zeros is judged like the built-in KL, Hellinger and χ²
 * (`classifyDefinition1`): interior-only — the boundary counterexample is kept as a warning, the theorems are checked
 * with interior policies, and its runs are checked to stay interior (`interiorCheck`). `runDriftGateParallel` runs the
 * same steps on the worker pool.
 */
export function runDriftGate(drift: Drift, options: GateOptions): GateResult {
  const startedAt = options.startedAt ?? Date.now();
  const timed = { ...options, startedAt };
  const ends = columnEnds();
  const classification = classifyGateDrift(drift, timed);
  const plan = gatePlan(drift, classification.kind);
  const byIndex: (ClaimRunResult | null)[] = [recordDefinition1(plan, classification, ends)];
  options.onResult?.(byIndex[0]!, 1, plan.pairs.length);
  for (let index = 1; index < plan.pairs.length; index++) {
    byIndex.push(runGatePair(plan, index, timed, ends));
    if (byIndex[index]) options.onResult?.(byIndex[index]!, index + 1, plan.pairs.length);
  }
  const interior = classification.kind === 'interior-only' ? interiorCheck(plan.configurations, options.seed) : null;
  const labels = plan.configurations.map((e) => e.label);
  return gateOutcome(drift.name, { ...plan, configurations: labels }, classification, interior, byIndex, startedAt);
}

/** The (claim, configuration) pairs of the gate, axioms first. */
export function gatePairs(configurations: readonly RegisteredConfig[]): { claim: Claim; entry: RegisteredConfig }[] {
  const axioms = CLAIMS.find((c) => c.id === 'definition-1')!;
  // Claims about the drift and its updates; the sampling claim (about β) and the `once` claims (algebra that holds for
  // any drift: the identity, the PPO identity, the off-policy estimator) say nothing about a user's drift.
  const theorems = CLAIMS.filter((c) => c.scope === 'configuration' && c.id !== 'definition-1' && c.id !== 'sampling');
  return [
    { claim: axioms, entry: configurations[0] },
    ...configurations.flatMap((entry) => theorems.filter((c) => c.applies(entry)).map((claim) => ({ claim, entry }))),
  ];
}

/** `violated` if any result is; else `error` if any check threw; else `holds`. */
export function gateStatus(results: readonly ClaimRunResult[]): GateResult['status'] {
  return results.some((r) => r.status === 'violated')
    ? 'violated'
    : results.some((r) => r.status === 'error')
      ? 'error'
      : 'holds';
}
