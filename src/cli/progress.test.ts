import { expect, test, vi } from 'vitest';
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

test('a line keeps coming while no check finishes (a long check, the deep mode), until stopped', () => {
  vi.useFakeTimers();
  try {
    let now = 0;
    const lines: string[] = [];
    const p = new ProgressLine(
      'mirror-check run',
      (l) => lines.push(l),
      10_000,
      () => now,
    );
    const stop = p.tick(() => ({ done: 3, total: 10, cases: 40 }));
    for (let t = 0; t < 30_000; t += 2000) {
      now += 2000;
      vi.advanceTimersByTime(2000);
    }
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\[progress\] mirror-check run: 3\/10 checks, 40 cases, 10 s elapsed/);
    stop();
    now += 60_000;
    vi.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(3);
  } finally {
    vi.useRealTimers();
  }
});
