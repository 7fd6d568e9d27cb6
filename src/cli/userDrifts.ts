import type { Drift } from '../mirror/drifts/drift.js';
import { driftSourceOf, loadDrift } from '../suite/gate/driftSource.js';
import { readJsonFile } from '../mdp/readJsonFile.js';

/**
 * The user drift a report refers to (`module:<path>`, `expr:<text>`), loaded so that the report's configuration can
 * be rebuilt; none for built-in drifts.
 */
export async function loadUserDrifts(reportPath: string): Promise<Record<string, Drift>> {
  let spec: string | undefined;
  try {
    spec = (readJsonFile(reportPath, 'report') as { config?: { spec?: { drift?: string } } }).config?.spec?.drift;
  } catch {
    return {}; // loadReport gives the precise error
  }
  const source = driftSourceOf(spec);
  if (!source) return {};
  return { [spec!]: await loadDrift(source) };
}
