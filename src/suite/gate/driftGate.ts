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
  readonly configurations: readonly RegisteredConfig[];
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

/**
 * The CI gate for a new drift: Definition 1 first (on one configuration: the axioms do not depend on N or β), then every
 * theorem property in every gate configuration, on random MDPs and the paper's environments. The plan is fixed by the
 * seed: `runs` cases per pair (each claim's gate default), so the same drift and seed get the same verdict on a fast or
 * a slow machine. The budget is a cap, not a share: a pair still running when it is reached stops generating (every
 * pair makes at least its first case, so no cell is empty), and the cases not reached are named (`notReached`;
 * `drift --strict` fails then). A confirmed counterexample ends its claim's column: the claim is violated, and its later
 * pairs are not run. The sampling-distribution claim (about β, not the drift) and claims that do not apply (the PPO
 * identity) are left out.
 *
 * A drift that fails Definition 1 only at policies with zeros is judged like the built-in KL, Hellinger and χ²
 * (`classifyDefinition1`): interior-only — the boundary counterexample is kept as a warning, the theorems are checked
 * with interior policies, and its runs are checked to stay interior (`interiorCheck`). `leader` (default: whoever runs
 * pair 0) reports Definition 1's classification and the interior check, so that threads do not repeat them.
 * `only` and `ends` split the pairs over threads; in a thread, `results` holds null for a pair not run.
 */
export function runDriftGate(
  drift: Drift,
  options: GateOptions & { readonly only?: (index: number) => boolean; readonly ends?: ColumnEnds },
): GateResult & { readonly byIndex: readonly (ClaimRunResult | null)[] } {
  const started = options.startedAt ?? Date.now();
  const deadline = started + options.budgetMs;
  const ends = options.ends ?? columnEnds();
  const leader = options.only?.(0) ?? true;
  const classification = classifyDefinition1(drift, (d) => gateConfigurations(d)[0], {
    numRuns: options.runs ?? GATE_RUNS,
    seed: options.seed,
    reportDir: options.reportDir,
    small: true,
  });
  const gated = classification.kind === 'interior-only' ? asInteriorOnly(drift) : drift;
  const configurations = gateConfigurations(gated);
  const all = gatePairs(configurations);
  const indices = all.map((_, i) => i).filter((i) => options.only?.(i) ?? true);
  const byIndex: (ClaimRunResult | null)[] = all.map(() => null);
  indices.forEach((index, i) => {
    const { claim, entry } = all[index];
    if (Atomics.load(ends, CLAIMS.indexOf(claim)) < index) return; // the column ended at an earlier pair
    const left = deadline - Date.now();
    const r =
      index === 0
        ? classification.result
        : checkClaim(claim, entry, {
            numRuns: options.runs ?? GATE_RUNS,
            seed: options.seed,
            reportDir: options.reportDir,
            // The cap: past it, the pair stops after its first case (an invalid drift fails mostly in Definition 1,
            // which always makes every run).
            timeLimitMs: Math.max(1, left),
            // Shrinking a counterexample takes at most the pair's share of what is left (one per column now).
            shrinkBudgetMs: Math.max(50, left / (indices.length - i)),
            small: true,
          });
    byIndex[index] = r;
    if (endsColumn(r)) endColumn(ends, claim, index);
    options.onResult?.(r, i + 1, indices.length);
  });
  const interior =
    leader && classification.kind === 'interior-only' ? interiorCheck(configurations, options.seed) : null;
  const merged = options.only
    ? { results: byIndex.filter((r): r is ClaimRunResult => r !== null), ended: 0, notReached: [] }
    : gateResults(all, byIndex);
  return {
    drift: drift.name,
    configurations,
    ...merged,
    definition1: classification.kind,
    boundary: leader ? classification.boundary : null,
    interior,
    status: gateStatus(merged.results),
    durationMs: Date.now() - started,
    byIndex,
  };
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
