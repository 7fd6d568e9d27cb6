import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';

/** Reads and parses a JSON file; an unreadable or non-JSON file is an InputError naming the path. */
export function readJsonFile(path: string, field = 'file'): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new InputError(field, `cannot read ${path} (${code})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(field, `${path} is not valid JSON (${(e as Error).message})`);
  }
}
