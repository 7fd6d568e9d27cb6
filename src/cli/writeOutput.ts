import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError } from '../errors.js';

/**
 * Writes `text` to `path` atomically (a temporary file beside it, then rename), so that a failure never leaves a
 * half-written file; without a path, to stdout.
 */
export function writeOutput(text: string, path: string | undefined, flag = '--out'): void {
  if (path === undefined) {
    process.stdout.write(text);
    return;
  }
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    throw new InputError(flag, `cannot write ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
