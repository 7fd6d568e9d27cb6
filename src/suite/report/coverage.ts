import type { ClaimRunResult } from '../runner/checkClaim.js';

/** What the aggregation reads of one (claim, configuration) result. */
export type CoverageInput = Pick<
  ClaimRunResult,
  'claim' | 'status' | 'runs' | 'meaningful' | 'durationMs' | 'verdicts'
>;

/** One claim's coverage over the configurations it ran on. */
export interface ClaimCoverage {
  readonly claim: string;
  readonly configurations: number;
  readonly cases: number;
  /** Cases that could have failed (a decision to make, hypotheses met, something moved). */
  readonly meaningful: number;
  readonly holds: number;
  readonly undecided: number;
  readonly outside: number;
  /** Configurations with a counterexample, and with an error. */
  readonly violated: number;
  readonly errors: number;
  readonly durationMs: number;
}

/** The one aggregation of run results per claim, in the order claims first appear (or `order`). */
export function claimCoverage(results: readonly CoverageInput[], order: readonly string[] = []): ClaimCoverage[] {
  const ids = [...new Set(results.map((r) => r.claim))];
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length + ids.indexOf(id));
  ids.sort((a, b) => rank(a) - rank(b));
  return ids.map((claim) => {
    const rs = results.filter((r) => r.claim === claim);
    const sum = (f: (r: (typeof rs)[number]) => number) => rs.reduce((n, r) => n + f(r), 0);
    return {
      claim,
      configurations: rs.length,
      cases: sum((r) => r.runs),
      meaningful: sum((r) => r.meaningful),
      holds: sum((r) => r.verdicts.holds ?? 0),
      undecided: sum((r) => r.verdicts.undecided ?? 0),
      outside: sum((r) => r.verdicts.outside ?? 0),
      violated: rs.filter((r) => r.status === 'violated').length,
      errors: rs.filter((r) => r.status === 'error').length,
      durationMs: sum((r) => r.durationMs),
    };
  });
}

/** The coverage table's header and rows (cases per second measured on the claim's own time). */
export const COVERAGE_HEADER = [
  'claim',
  'configs',
  'cases',
  'meaningful',
  'holds',
  'undecided',
  'outside',
  'failed',
  'cases/s',
];

export function coverageRows(coverage: readonly ClaimCoverage[]): (string | number)[][] {
  return coverage.map((c) => [
    c.claim,
    c.configurations,
    c.cases,
    `${c.meaningful} (${c.cases ? Math.round((100 * c.meaningful) / c.cases) : 0} %)`,
    c.holds,
    c.undecided,
    c.outside,
    c.violated + c.errors,
    c.durationMs > 0 ? Math.round((1000 * c.cases) / c.durationMs) : '—',
  ]);
}
