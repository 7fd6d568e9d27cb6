import type { ClaimRunResult } from './checkClaim.js';

/**
 * A ClaimRunResult for table and summary tests: 4 cases that held, overridden by `over` (which may set any mix of
 * fields, e.g. a `violated` status with a partial report). (Test support; not shipped.)
 */
export function claimRunResult(
  claim: string,
  config: string,
  over: Partial<Record<keyof ClaimRunResult, unknown>> = {},
): ClaimRunResult {
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
  } as ClaimRunResult;
}
