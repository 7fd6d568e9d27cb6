import { describe, expect, test } from 'vitest';
import { claimRunResult as result } from '../runner/claimRunResult.testkit.js';
import { cell, claimMatrix } from './claimTable.js';

describe('claims × configurations table', () => {
  test('a cell says how many cases held outright, not only that none failed', () => {
    expect(cell(result('lemma-2', 'c', {}))).toBe('ok 4/4');
    const vague = result('lemma-2', 'c', { verdicts: { holds: 0, violated: 0, undecided: 3, outside: 1 } });
    expect(cell(vague)).toBe('ok 0/4');
    expect(
      cell(
        result('lemma-2', 'c', {
          runs: 2,
          verdicts: { holds: 2, violated: 0, undecided: 0, outside: 0 },
          interrupted: true,
        }),
      ),
    ).toBe('ok 2/2*');
    expect(cell(result('lemma-2', 'c', { status: 'violated' }))).toBe('FAIL');
    expect(cell(result('lemma-2', 'c', { status: 'error' }))).toBe('ERROR');
  });

  test('rows are configurations, columns claims in first-seen order, a dash where a claim was not run', () => {
    const { claims, rows } = claimMatrix([
      result('definition-1', 'a', {}),
      result('lemma-2', 'a', {}),
      result('lemma-2', 'b', { status: 'violated' }),
    ]);
    expect(claims).toEqual(['definition-1', 'lemma-2']);
    expect(rows).toEqual([
      { config: 'a', cells: ['ok 4/4', 'ok 4/4'] },
      { config: 'b', cells: ['—', 'FAIL'] },
    ]);
  });
});
