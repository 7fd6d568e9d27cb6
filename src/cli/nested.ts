/** A flat row-major S×A array as nested arrays `[S][A]` (for JSON output). */
export function toRows(flat: Float64Array, A: number): number[][] {
  const out: number[][] = [];
  for (let s = 0; s < flat.length / A; s++) out.push(Array.from(flat.subarray(s * A, (s + 1) * A)));
  return out;
}

/** Names of states (or actions): the file's names where given, else indices. */
export function names(given: readonly string[] | undefined, n: number, prefix: string): string[] {
  return given ? [...given] : Array.from({ length: n }, (_, i) => `${prefix}${i}`);
}
