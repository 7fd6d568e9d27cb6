import { InputError } from '../errors.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';

/**
 * Writes `text` to `path` atomically (a temporary file beside it, then rename), so that a failure never leaves a
 * half-written file; without a path, to stdout.
 */
export function writeOutput(text: string, path: string | undefined, flag = '--out'): void {
  if (path === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileAtomic(path, text);
  } catch (e) {
    throw new InputError(flag, `cannot write ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
