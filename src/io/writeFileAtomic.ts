import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { threadId } from 'node:worker_threads';

/**
 * Writes a file atomically: a temporary file beside it, then a rename, so a failure never leaves half a file. The
 * temporary name is unique to the write (process, thread and random suffix): worker threads share the process id, and
 * the gate's workers write the same Definition 1 report at once — with a pid-only name one thread's rename found the
 * other's file gone (ENOENT, exit 3).
 */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`;
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
