import type { ClaimRunResult } from '../runner/checkClaim.js';
import { codeCell, markdownTable } from './markdownTable.js';

/**
 * A cell: `ok H/N` — no counterexample in N cases, H of which held outright (the others were undecided or outside the
 * claim's hypotheses, so `ok 0/4` checked nothing conclusively) — or `FAIL`, `ERROR`; `*` = cut short by the budget.
 */
export function cell(r: ClaimRunResult): string {
  if (r.status === 'violated') return 'FAIL';
  if (r.status === 'error') return 'ERROR';
  return `ok ${r.verdicts.holds}/${r.runs}${r.interrupted ? '*' : ''}`;
}

/** The legend printed under a claims × configurations table. */
export const CELL_LEGEND =
  'cells: ok H/N = no counterexample in N cases, H held outright (the rest undecided or outside the hypotheses); ' +
  '* = cut short by the time cap; FAIL = counterexample; ERROR = the drift threw or returned NaN; — = not run';

/** Claims × configurations as rows of cells (rows: configurations, columns: claims in first-seen order). */
export function claimMatrix(results: readonly ClaimRunResult[]): {
  claims: string[];
  rows: { config: string; cells: string[] }[];
} {
  const claims: string[] = [];
  const configs: string[] = [];
  for (const r of results) {
    if (!claims.includes(r.claim)) claims.push(r.claim);
    if (!configs.includes(r.config)) configs.push(r.config);
  }
  const rows = configs.map((config) => ({
    config,
    cells: claims.map((claim) => {
      const r = results.find((x) => x.claim === claim && x.config === config);
      return r ? cell(r) : '—';
    }),
  }));
  return { claims, rows };
}

/** The matrix as a Markdown table. */
export function claimMatrixMarkdown(results: readonly ClaimRunResult[]): string {
  const { claims, rows } = claimMatrix(results);
  return markdownTable(
    ['configuration', ...claims],
    rows.map((r) => [codeCell(r.config), ...r.cells]),
  );
}
