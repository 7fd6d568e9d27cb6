/**
 * The property suite's budget and seed.
 * - MIRROR_CHECK_SEED: the fast-check seed (default 20220717, fixed so that `npm test` is deterministic).
 * - MIRROR_CHECK_RUNS: a multiplier on every property's run count (default 1; `100` is the deep mode).
 */
export { DEFAULT_SEED } from '../src/suite/configs/defaults.js';
import { DEFAULT_SEED } from '../src/suite/configs/defaults.js';

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name}=${JSON.stringify(raw)} must be a positive number`);
  return n;
}

export const SEED = Math.trunc(envNumber('MIRROR_CHECK_SEED', DEFAULT_SEED));
export const RUNS_MULTIPLIER = envNumber('MIRROR_CHECK_RUNS', 1);

/** Runs for a property whose default budget is `base` runs. */
export function runs(base: number): number {
  return Math.max(1, Math.round(base * RUNS_MULTIPLIER));
}
