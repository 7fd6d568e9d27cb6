import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runPool, taskModule } from './pool.js';
import { writeFileAtomic } from './writeFileAtomic.js';

const dir = mkdtempSync(join(tmpdir(), 'mirror-check-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  test('writes the whole text and leaves no temporary file', () => {
    const path = join(dir, 'one', 'report.json');
    writeFileAtomic(path, 'first');
    writeFileAtomic(path, 'second');
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(readdirSync(join(dir, 'one'))).toEqual(['report.json']);
  });

  test('threads of one process writing the same file at once never fail (the gate: every worker writes the same Definition 1 report)', async () => {
    // Worker threads share the process id: a temporary name made of the pid alone is shared too, and one thread's
    // rename then finds the other's file gone (ENOENT: the CI failure of session 10, exit 3 in the gate).
    const path = join(dir, 'shared', 'report.json');
    const texts = ['a'.repeat(5000), 'b'.repeat(5000)];
    const failures = await runPool(
      taskModule('./writeFileAtomic.testkit.js', import.meta.url),
      texts.map((text) => ({ path, text, times: 400 })),
      { workers: 2, stallMs: 50_000, onStall: () => new Error('stalled') },
    );
    expect(failures.flat()).toEqual([]);
    expect(texts).toContain(readFileSync(path, 'utf8'));
    expect(readdirSync(join(dir, 'shared'))).toEqual(['report.json']);
  }, 60_000);
});
