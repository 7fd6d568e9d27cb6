import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../../errors.js';
import type { Drift } from '../../mirror/drifts/drift.js';
import { guardDrift } from './guardDrift.js';

/**
 * tsx, which compiles a `.ts` drift module on the fly: an optional peer dependency (it brings esbuild, 12 MB), so a
 * project that gates `.js` drifts does not install it.
 */
async function importTsx(path: string): Promise<typeof import('tsx/esm/api')> {
  try {
    return await import('tsx/esm/api');
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new InputError(
        'drift',
        `${path} is TypeScript, which needs tsx: npm install --save-dev tsx (or compile the drift to .js)`,
      );
    }
    throw e;
  }
}

/**
 * Loads a user's drift module (docs/drifts.md, "1. Write the drift"): an ES module, `.js`/`.mjs` (imported by Node) or `.ts`/`.mts` (through
 * tsx's `tsImport`), whose default export is `{ name: string, value(piBar, pi, ctx): number }` with optional
 * `gradient(piBar, pi, ctx, out)`, `convex: boolean` and `interiorOnly: boolean`. Every failure is an InputError with
 * one line naming what is wrong (exit 2).
 */
export async function loadDriftModule(path: string): Promise<Drift> {
  const file = resolve(path);
  if (!existsSync(file)) throw new InputError('drift', `${path}: no such file`);
  let mod: Record<string, unknown>;
  try {
    if (/\.(m|c)?ts$/.test(file)) {
      const { tsImport } = await importTsx(path);
      mod = (await tsImport(pathToFileURL(file).href, import.meta.url)) as Record<string, unknown>;
    } else {
      mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError('drift', `${path} does not load: ${(e as Error).message.split('\n')[0]}`);
  }
  // tsImport of a CommonJS-looking file nests the default export one level deeper.
  let exported = mod.default as Record<string, unknown> | undefined;
  if (exported && typeof exported === 'object' && 'default' in exported && !('value' in exported)) {
    exported = exported.default as Record<string, unknown>;
  }
  if (!exported || typeof exported !== 'object') {
    throw new InputError(
      'drift',
      `${path}: the default export must be an object { name, value(piBar, pi, ctx) } (got ${exported === undefined ? 'no default export' : typeof exported})`,
    );
  }
  if (typeof exported.name !== 'string' || exported.name.trim() === '') {
    throw new InputError(
      'drift',
      `${path}: default export field "name" must be a non-empty string (got ${JSON.stringify(exported.name)})`,
    );
  }
  if (typeof exported.value !== 'function') {
    throw new InputError(
      'drift',
      `${path}: default export field "value" must be a function (piBar, pi, ctx) => number (got ${typeof exported.value})`,
    );
  }
  for (const flag of ['convex', 'interiorOnly'] as const) {
    if (exported[flag] !== undefined && typeof exported[flag] !== 'boolean') {
      throw new InputError(
        'drift',
        `${path}: field "${flag}" must be a boolean (got ${JSON.stringify(exported[flag])})`,
      );
    }
  }
  if (exported.gradient !== undefined && typeof exported.gradient !== 'function') {
    throw new InputError('drift', `${path}: field "gradient" must be a function (piBar, pi, ctx, out) => void`);
  }
  return guardDrift(exported as unknown as Drift, `module:${path}`);
}
