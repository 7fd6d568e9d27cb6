import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Claim, ClaimCase } from '../claims/claim.js';
import type { RegisteredConfig } from '../configs/configSpec.js';
import { loadReport, type LoadedReport } from '../report/replay.js';

/** The committed counterexamples: `fixtures/counterexamples/` of the package (src/ or dist/ → ../../..), wherever the cwd. */
export const REGRESSION_DIR = join(
  resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'),
  'fixtures',
  'counterexamples',
);

/** The committed counterexample files (`*.json`), sorted, as paths. */
export function regressionFiles(dir = REGRESSION_DIR): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

let loaded: LoadedReport[] | null = null;

/** The committed regressions of a claim on a configuration, as fast-check examples (run before the generated cases). */
export function regressionsFor(claim: Claim, entry: RegisteredConfig): ClaimCase[] {
  loaded ??= regressionFiles().map((f) => loadReport(f));
  return loaded.filter((r) => r.claim.id === claim.id && r.entry.label === entry.label).map((r) => r.case);
}
