import type { ClaimRunResult } from '../runner/checkClaim.js';

/** A cell: verdict and runs, e.g. `ok 4`, `FAIL`, `ERROR`, `ok 2*` (* = cut short by the time budget). */
export function cell(r: ClaimRunResult): string {
  if (r.status === 'violated') return 'FAIL';
  if (r.status === 'error') return 'ERROR';
  return `ok ${r.runs}${r.interrupted ? '*' : ''}`;
}

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
  return [
    `| configuration | ${claims.join(' | ')} |`,
    `| --- | ${claims.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| \`${r.config}\` | ${r.cells.join(' | ')} |`),
  ].join('\n');
}
