import type { Drift } from '../../mirror/drifts/drift.js';
import { expressionDrift } from '../userDrift/expressionDrift.js';
import { loadDriftModule } from '../userDrift/loadDriftModule.js';

/** Where a user's drift comes from: a module file or a mathjs expression. */
export type DriftSource = { readonly module: string } | { readonly expr: string };

/** Loads a user drift (InputError with a one-line reason on failure). */
export async function loadDrift(source: DriftSource): Promise<Drift> {
  return 'module' in source ? loadDriftModule(source.module) : expressionDrift(source.expr);
}

/** The drift source a configuration's drift spec names (`module:<path>`, `expr:<text>`), or null for built-ins. */
export function driftSourceOf(spec: string | undefined): DriftSource | null {
  if (spec?.startsWith('module:')) return { module: spec.slice('module:'.length) };
  if (spec?.startsWith('expr:')) return { expr: spec.slice('expr:'.length) };
  return null;
}
