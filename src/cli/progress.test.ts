import { expect, test } from 'vitest';
import { ProgressLine } from './progress.js';

test('a progress line at most every 10 s, with done/total, cases, elapsed and an estimate', () => {
  let now = 0;
  const lines: string[] = [];
  const p = new ProgressLine(
    'mirror-check drift',
    (l) => lines.push(l),
    10_000,
    () => now,
  );
  now = 4_000;
  p.update(1, 10, 4);
  expect(lines).toEqual([]);
  now = 10_000;
  p.update(2, 10, 8);
  expect(lines).toEqual(['[progress] mirror-check drift: 2/10 checks, 8 cases, 10 s elapsed, ~40 s to go\n']);
  now = 15_000;
  p.update(3, 10, 12);
  expect(lines).toHaveLength(1);
  now = 20_000;
  p.update(7, null, 30);
  expect(lines[1]).toBe('[progress] mirror-check drift: 7 checks done, 30 cases, 20 s elapsed\n');
});
