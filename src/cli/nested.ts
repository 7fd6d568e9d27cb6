export { toRows } from '../policy/policy.js';

/** Names of states (or actions): the file's names where given, else indices. */
export function names(given: readonly string[] | undefined, n: number, prefix: string): string[] {
  return given ? [...given] : Array.from({ length: n }, (_, i) => `${prefix}${i}`);
}
