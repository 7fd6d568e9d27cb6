import type { Claim } from '../claims/claim.js';
import type { RegisteredConfig } from '../configs/configSpec.js';
import { isRandomEntry } from '../configs/construction.js';
import type { ClaimRunResult } from './checkClaim.js';

/** How many times a configuration's runs the random-construction entry gets (it stands for a whole family). */
export const RANDOM_RUNS_FACTOR = 5;

/** The runs of a claim on an entry at a run multiplier: its base runs, ×5 on the random constructions. */
export function runsFor(claim: Claim, entry: RegisteredConfig, multiplier = 1): number {
  const base =
    isRandomEntry(entry) && claim.scope === 'configuration' ? claim.baseRuns * RANDOM_RUNS_FACTOR : claim.baseRuns;
  return Math.max(1, Math.round(base * multiplier));
}

/**
 * The health check (Hypothesis-style): a (claim, configuration) whose meaningful cases — a decision to make,
 * hypotheses met, something moved (`ClaimOutcome.meaningful`) — fall below the claim's stated minimum, scaled by the
 * runs actually made, has not been checked, whatever its verdicts say. Returns the reason, or null when healthy.
 * A run that a time limit cut short is judged on the runs it made.
 */
export function healthProblem(claim: Claim, entry: RegisteredConfig, result: ClaimRunResult): string | null {
  if (result.status !== 'holds') return null; // a counterexample or an error speaks for itself
  const expected = runsFor(claim, entry);
  const minimum = Math.ceil((claim.minMeaningful * Math.min(result.runs, expected)) / expected);
  if (result.meaningful >= minimum) return null;
  return (
    `only ${result.meaningful} of ${result.runs} cases were meaningful (a decision to make, hypotheses met, ` +
    `something moved); ${claim.id} needs ${minimum}`
  );
}
