import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readMdpFile } from './readMdpFile.js';

describe('readMdpFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mc-read-'));
  test('names an unreadable file', () => {
    expect(() => readMdpFile(join(dir, 'missing.json'))).toThrow(/mdp file: cannot read .*missing\.json \(ENOENT\)/);
  });
  test('names a non-JSON file', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{ "format": ');
    expect(() => readMdpFile(path)).toThrow(/mdp file: .*bad\.json is not valid JSON/);
  });
  test('takes the name from the file when the document has none', () => {
    const path = join(dir, 'tiny.json');
    writeFileSync(
      path,
      JSON.stringify({ format: 'mdp/v1', gamma: 0, initial: [1], reward: [[1]], transition: [[[1]]] }),
    );
    expect(readMdpFile(path).name).toBe('tiny');
  });
});
