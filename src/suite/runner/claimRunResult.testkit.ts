import type { ClaimRunResult } from './checkClaim.js';

/** A ClaimRunResult for table and summary tests: 4 cases that held, overridden by `over`. (Test support; not shipped.) */
export function claimRunResult(claim: string, config: string, over: Partial<ClaimRunResult> = {}): ClaimRunResult {
  return {
    claim,
    config,
    status: 'holds',
    runs: 4,
    planned: 4,
    verdicts: { holds: 4, violated: 0, undecided: 0, outside: 0 },
    meaningful: 4,
    labels: {},
    report: null,
    reportPath: null,
    error: null,
    durationMs: 1,
    interrupted: false,
    ...over,
  };
}
