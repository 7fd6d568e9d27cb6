import type { Drift } from '../../mirror/drifts/drift.js';
import { DEFAULT_SEED } from '../configs/defaults.js';
import { gateConfigurations, GATE_RUNS } from './driftGate.js';
import { classifyDefinition1, type Definition1Class } from './interiorOnly.js';

export interface CheckDefinition1Options {
  /** Cases (default: the gate's 4; each case is a random MDP, every state of it, and boundary variants of π). */
  readonly runs?: number;
  readonly seed?: number;
  /** Where a counterexample report is written (default: none). */
  readonly reportDir?: string | null;
}

/**
 * Definition 1 (Kuba et al. 2022, Section 3.1) for a drift, in one call, as the gate checks it: random MDPs and
 * policies (every state, boundary variants, an iterate of a real run), nonnegativity, zero at π̄ = π, zero Gâteaux
 * derivative and continuity, with the drift's contexts built from each case. `kind` is `valid`, `interior-only` (fails
 * only where π has zeros, like KL; `boundary` holds that counterexample) or `invalid` (`result.report` is the shrunk
 * counterexample) or `error` (the drift threw or returned NaN: `result.error` says where). `checkDriftAxioms` is the
 * same check at one hand-built (π, context).
 */
export function checkDefinition1(drift: Drift, options: CheckDefinition1Options = {}): Definition1Class {
  return classifyDefinition1(drift, (d) => gateConfigurations(d)[0], {
    numRuns: options.runs ?? GATE_RUNS,
    seed: options.seed ?? DEFAULT_SEED,
    reportDir: options.reportDir ?? null,
    small: true,
  });
}
