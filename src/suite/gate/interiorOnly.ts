import fc from 'fast-check';
import { canonicalDrift, type Drift } from '../../mirror/drifts/drift.js';
import { mirrorLearning } from '../../mirror/mirrorLearning.js';
import { definition1Claim } from '../claims/definition1.js';
import { GATE_RUN_ITERATIONS, towardUniform } from '../claims/runCase.js';
import { theorem1_2Claim } from '../claims/theorem1.2.js';
import type { RegisteredConfig } from '../configs/configSpec.js';
import { checkClaim, claimSeed, type CheckClaimOptions, type ClaimRunResult } from '../runner/checkClaim.js';

/**
 * How a user's drift meets Definition 1 (docs/verification.md, "Interior-only"): `valid` everywhere; `interior-only` when it
 * fails only at policies with zeros (KL, reverse KL, Hellinger, χ² as a user writes them: judged like the built-ins);
 * `invalid` when it fails at a full-support π too.
 */
export interface Definition1Class {
  /** `error`: the drift broke its contract (threw, NaN) on some case, so Definition 1 was not decided. */
  readonly kind: 'valid' | 'interior-only' | 'invalid' | 'error';
  /** The Definition 1 result the gate shows: on every π (valid, invalid), on full-support π (interior-only). */
  readonly result: ClaimRunResult;
  /** For an interior-only drift: the violation at a boundary π, shown as a warning. */
  readonly boundary: ClaimRunResult | null;
}

/** The drift, claimed only at full-support π (its name and everything else unchanged). */
export function asInteriorOnly(drift: Drift): Drift {
  return canonicalDrift({ ...drift, interiorOnly: true });
}

/**
 * Definition 1 as given, and, when that is violated, again with the zero-gradient part claimed only at full-support π
 * (`interiorOnly`): a drift that then holds fails only where π has zeros. Same seed and cases both times.
 */
export function classifyDefinition1(
  drift: Drift,
  entryFor: (drift: Drift) => RegisteredConfig,
  options: CheckClaimOptions,
): Definition1Class {
  const given = checkClaim(definition1Claim, entryFor(drift), options);
  // A drift that threw or returned NaN was not checked: never `valid`.
  if (given.status === 'error') return { kind: 'error', result: given, boundary: null };
  if (given.status !== 'violated' || drift.interiorOnly) {
    return { kind: given.status === 'violated' ? 'invalid' : 'valid', result: given, boundary: null };
  }
  const interior = checkClaim(definition1Claim, entryFor(asInteriorOnly(drift)), options);
  return interior.status === 'holds'
    ? { kind: 'interior-only', result: interior, boundary: given }
    : { kind: 'invalid', result: given, boundary: null };
}

/** Where a run of an interior-only drift left the interior: the first zero entry of an iterate. */
export interface InteriorExit {
  readonly config: string;
  readonly iteration: number;
  readonly state: number;
  readonly action: number;
}

/**
 * Whether the drift's own exact updates keep full-support policies full-support: runs from the gate's interior
 * starting policies (as Theorem 1.2's cases draw them), in every gate configuration. Theorem 1 covers an interior-only
 * drift only while its iterates stay interior (docs/verification.md: χ²'s update can zero an action and never restore it).
 */
export function interiorCheck(
  configurations: readonly RegisteredConfig[],
  seed: number,
  runsPerConfig = 2,
): { runs: number; exits: InteriorExit[] } {
  const exits: InteriorExit[] = [];
  let runs = 0;
  for (const entry of configurations) {
    const cases = fc.sample(theorem1_2Claim.arbitrary(entry, { small: true }), {
      numRuns: runsPerConfig,
      seed: claimSeed(seed, theorem1_2Claim, entry),
    });
    for (const c of cases) {
      const A = c.mdp.numActions;
      const run = mirrorLearning(c.mdp, entry.config, {
        iterations: GATE_RUN_ITERATIONS,
        initialPolicy: towardUniform(c.policies[0], A),
      });
      runs += 1;
      const start = run.iterations[0].policy;
      search: for (const rec of run.iterations) {
        for (let i = 0; i < rec.policy.length; i++) {
          if (rec.policy[i] === 0 && start[i] > 0) {
            exits.push({ config: entry.label, iteration: rec.n, state: Math.floor(i / A), action: i % A });
            break search;
          }
        }
      }
    }
  }
  return { runs, exits };
}
