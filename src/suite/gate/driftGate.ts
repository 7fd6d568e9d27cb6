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
  /** Wall-clock budget for the theorem properties, in milliseconds; each (claim, configuration) gets its share. */
  readonly budgetMs: number;
  readonly reportDir?: string | null;
  /** Threaded gate only: give up (InputError) when a worker finishes no pair for this long (default `defaultStallMs`). */
  readonly stallMs?: number;
  /** Called after each (claim, configuration) (progress display). */
  readonly onResult?: (r: ClaimRunResult, done: number, total: number) => void;
}

export interface GateResult {
  readonly drift: string;
  readonly configurations: readonly RegisteredConfig[];
  readonly results: readonly ClaimRunResult[];
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
 * The CI gate for a new drift: Definition 1 first (on one configuration: the axioms do not depend on N or β), then every
 * theorem property in every gate configuration, on random MDPs and the paper's environments, within a time budget
 * (fast-check's `interruptAfterTimeLimit`; the runs actually made are reported). Definition 1 always makes all its
 * runs, and every theorem pair at least one, so a slow machine shortens the gate but never empties a cell. The
 * sampling-distribution claim (about β, not the drift) and claims that do not apply (the PPO identity) are left out.
 *
 * A drift that fails Definition 1 only at policies with zeros is judged like the built-in KL, Hellinger and χ²
 * (`classifyDefinition1`): interior-only — the boundary counterexample is kept as a warning, the theorems are checked
 * with interior policies, and its runs are checked to stay interior (`interiorCheck`). `leader` (default: whoever runs
 * pair 0) reports Definition 1's classification and the interior check, so that threads do not repeat them.
 */
export function runDriftGate(
  drift: Drift,
  options: GateOptions & { readonly only?: (index: number) => boolean },
): GateResult {
  const started = Date.now();
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
  const results: ClaimRunResult[] = [];
  indices.forEach((index, i) => {
    const { claim, entry } = all[index];
    const left = Math.max(1, options.budgetMs - (Date.now() - started));
    const share = Math.max(50, left / (indices.length - i));
    const r =
      index === 0
        ? classification.result
        : checkClaim(claim, entry, {
            numRuns: options.runs ?? GATE_RUNS,
            seed: options.seed,
            reportDir: options.reportDir,
            // The theorems share the budget; Definition 1 (where most invalid drifts fail) always makes every run.
            timeLimitMs: share,
            // Shrinking a theorem's counterexample shares the budget too (an invalid drift fails many pairs, and each
            // shrank for up to a minute: 174 s for `2 * sum(abs(piBar - pi))`); the report is the smallest found.
            shrinkBudgetMs: share,
            small: true,
          });
    results.push(r);
    options.onResult?.(r, i + 1, indices.length);
  });
  const interior =
    leader && classification.kind === 'interior-only' ? interiorCheck(configurations, options.seed) : null;
  return {
    drift: drift.name,
    configurations,
    results,
    definition1: classification.kind,
    boundary: leader ? classification.boundary : null,
    interior,
    status: gateStatus(results),
    durationMs: Date.now() - started,
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
