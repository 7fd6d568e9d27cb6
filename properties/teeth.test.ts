/**
 * Teeth: every deliberately invalid construction (src/suite/configs/teeth.ts, SPEC §6) is caught within the default
 * budget — some claim (an axiom or a theorem) is violated — and its smallest report is small. Reports are replayed.
 */
import { describe, expect, test } from 'vitest';
import { CLAIMS } from '../src/suite/claims/index.js';
import { INVALID_CONFIGS } from '../src/suite/configs/registry.js';
import { loadReport, replayReport } from '../src/suite/report/replay.js';
import { checkClaim, type ClaimRunResult } from '../src/suite/runner/checkClaim.js';
import { runs, SEED } from './budget.js';
import { regressionsFor } from './claimSuite.js';

/** The largest report we accept as "small" for a construction that is invalid at one state. */
const SMALL = { states: 2, actions: 5 };

describe.each(INVALID_CONFIGS.map((e) => [e.label, e] as const))('invalid construction %s', (_label, entry) => {
  test('is caught with a small, replayable counterexample', () => {
    const results: ClaimRunResult[] = CLAIMS.filter((c) => c.applies(entry)).map((claim) =>
      checkClaim(claim, entry, { numRuns: runs(claim.baseRuns), seed: SEED, examples: regressionsFor(claim, entry) }),
    );
    const violated = results.filter((r) => r.status === 'violated');
    expect(
      violated.map((r) => r.claim),
      results.map((r) => `${r.claim}: ${r.status}`).join(', '),
    ).not.toEqual([]);
    const smallest = violated
      .map((r) => r.report!)
      .sort((a, b) => a.size.states * a.size.actions - b.size.states * b.size.actions)[0];
    expect(smallest.size.states).toBeLessThanOrEqual(SMALL.states);
    expect(smallest.size.actions).toBeLessThanOrEqual(SMALL.actions);
    expect(smallest.confirmation.confirmed).toBe(true);
    for (const r of violated) {
      const again = replayReport(loadReport(r.reportPath!));
      expect(again.status, `${r.reportPath} replays`).toBe('violated');
      expect(again.margin).toBe(r.report!.verdict.margin);
    }
    console.log(
      `[teeth] ${entry.label}: caught by ${violated.map((r) => `${r.claim} (${r.report!.size.states}×${r.report!.size.actions})`).join(', ')}`,
    );
  });
});
