import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError } from '../errors.js';

/** Parses a command's flags with node:util parseArgs; unknown flags and missing values become InputErrors. */
export function parseCommandArgs(
  command: string,
  argv: string[],
  options: NonNullable<ParseArgsConfig['options']>,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (e) {
    // One line, but keep node's hints (e.g. "To specify an option argument starting with a dash use '--expr=-XYZ'").
    throw new InputError(command, (e as Error).message.replace(/\s*\n\s*/g, ' '));
  }
}

/** An integer flag within [min, max]. */
export function integerFlag(
  name: string,
  raw: string | boolean | undefined,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (raw === undefined) return fallback;
  const text = String(raw);
  const n = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new InputError(`--${name}`, `${JSON.stringify(text)} must be an integer in [${min}, ${max}]`);
  }
  return n;
}

/** A finite number flag. */
export function numberFlag(name: string, raw: string | boolean | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const text = String(raw);
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n))
    throw new InputError(`--${name}`, `${JSON.stringify(text)} is not a finite number`);
  return n;
}

/** Exactly one positional argument (a file), named `what` in the error. */
export function onePositional(command: string, positionals: string[], what: string): string {
  if (positionals.length !== 1) {
    throw new InputError(
      command,
      positionals.length === 0 ? `missing ${what}` : `expected one ${what}, got ${positionals.length} arguments`,
    );
  }
  return positionals[0];
}
