import type { Drift } from '../mirror/drifts/drift.js';

/**
 * User drifts a report refers to (`module:<path>`, `expr:<text>`), loaded so that the report's configuration can be
 * rebuilt. Filled in by the drift gate's loader.
 */
export async function loadUserDrifts(_reportPath: string): Promise<Record<string, Drift>> {
  return {};
}
