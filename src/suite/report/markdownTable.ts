/**
 * GitHub-flavoured Markdown tables: the one place cells are escaped. A `|` inside a cell — a configuration label
 * `kl | kl-ball:0.05 | …`, an inequality `D_π(π̄|s)` — ends the cell unless written `\|` (also inside code spans, where
 * GitHub renders `\|` as `|`); a newline ends the row. Every table in reports, step summaries and READMEs goes through
 * `markdownTable`, which also refuses a row whose cell count differs from the header's.
 */

/** One cell's text, safe inside a table row. `code` wraps it in a code span (with a fence longer than any run of backticks in it). */
export function markdownCell(text: string, options: { code?: boolean } = {}): string {
  let t = text.replace(/\r\n|\r|\n/g, ' ');
  if (options.code) {
    const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longest + 1);
    const pad = t.startsWith('`') || t.endsWith('`') ? ' ' : '';
    t = `${fence}${pad}${t}${pad}${fence}`;
  }
  return t.replace(/\|/g, '\\|');
}

/** Cells of one row as a line; `cells` are already escaped (`markdownCell`). */
function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/**
 * A table from a header and rows: plain strings are escaped here, `codeCell(…)` cells are
 * already Markdown (a code span). Throws when a row has a different number of cells than the header.
 */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly (string | number | PreEscaped)[])[],
  align: readonly ('left' | 'right')[] = [],
): string {
  const cell = (c: string | number | PreEscaped) =>
    typeof c === 'object' ? c.escaped : markdownCell(typeof c === 'number' ? String(c) : c);
  rows.forEach((r, i) => {
    if (r.length !== header.length) {
      throw new RangeError(`markdownTable: row ${i} has ${r.length} cells, the header ${header.length}`);
    }
  });
  return [
    row(header.map((h) => markdownCell(h))),
    row(header.map((_, i) => (align[i] === 'right' ? '---:' : '---'))),
    ...rows.map((r) => row(r.map(cell))),
  ].join('\n');
}

/** A cell that is already Markdown (a code span, bold text), escaped by `markdownCell`. */
export interface PreEscaped {
  readonly escaped: string;
}

/** A code-span cell. */
export const codeCell = (text: string): PreEscaped => ({ escaped: markdownCell(text, { code: true }) });

/** Splits a table row into its cells, honouring `\|` (for tests and for readers of the tables). */
export function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '\\' && inner[i + 1] === '|') {
      current += '\\|';
      i += 1;
    } else if (inner[i] === '|') {
      cells.push(current.trim());
      current = '';
    } else current += inner[i];
  }
  cells.push(current.trim());
  return cells;
}
