import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { claimMatrixMarkdown } from './claimTable.js';
import { codeCell, markdownCell, markdownTable, splitRow } from './markdownTable.js';
import { expectTablesWellFormed } from './markdownTable.testkit.js';
import { loadReport } from './replay.js';
import { reportMarkdown, verdictTable } from './reportMarkdown.js';
import { claimRunResult as result } from '../runner/claimRunResult.testkit.js';

describe('Markdown tables', () => {
  test('a pipe in a cell is escaped, a newline does not end the row', () => {
    expect(markdownCell('D_π(π̄|s)')).toBe('D_π(π̄\\|s)');
    expect(markdownCell('a\nb')).toBe('a b');
    expect(markdownCell('x | y', { code: true })).toBe('`x \\| y`');
    expect(markdownCell('uses `code`', { code: true })).toBe('`` uses `code` ``');
  });

  test('a row with the wrong number of cells is refused', () => {
    expect(() => markdownTable(['a', 'b'], [['1']])).toThrow(/row 0 has 1 cells, the header 2/);
  });

  test('the claim matrix with configuration labels full of pipes: every row as wide as the header', () => {
    const md = claimMatrixMarkdown([
      result('lemma-2', 'module:d.ts | kl-ball:0.05 | β=uniform | ν=sampling'),
      result('theorem-1.1', 'module:d.ts | kl-ball:0.05 | β=uniform | ν=sampling'),
      result('lemma-2', 'module:d.ts | trivial | β=visitation | ν=sampling'),
    ]);
    expect(expectTablesWellFormed(md)).toBe(1);
    expect(splitRow(md.split('\n')[0])).toHaveLength(3);
  });

  test('a verdict whose inequality has D_π(π̄|s)', () => {
    const md = verdictTable({
      status: 'violated',
      inequality: 'D_π(π̄|s) ≥ 0',
      lhs: -1,
      rhs: 0,
      margin: -1,
      error: 0,
      where: { state: 0 },
      reason: 'a | in the note',
      checked: 1,
    });
    expect(expectTablesWellFormed(md)).toBe(1);
  });

  test('every committed counterexample report renders tables GitHub can show, and a short path', () => {
    const dir = join('fixtures', 'counterexamples');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const md = reportMarkdown(loadReport(join(dir, f)).report);
      expect(expectTablesWellFormed(md), f).toBeGreaterThanOrEqual(2);
      // Prose lines stay readable (the fast-check path ran to ~1,000 characters); the MDP's JSON is a code block.
      let fenced = false;
      for (const line of md.split('\n')) {
        if (line.startsWith('```')) fenced = !fenced;
        else if (!fenced) expect(line.length, `${f}: ${line.slice(0, 80)}…`).toBeLessThanOrEqual(400);
      }
    }
  });

  test('codeCell is a pre-escaped cell', () => {
    expect(markdownTable(['c'], [[codeCell('a|b')]]).split('\n')[2]).toBe('| `a\\|b` |');
  });
});
