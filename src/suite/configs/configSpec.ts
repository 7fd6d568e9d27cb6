import { InputError } from '../../errors.js';
import type { Drift } from '../../mirror/drifts/drift.js';
import { parseDriftSpec } from '../../mirror/drifts/driftRegistry.js';
import { parseInstanceSpec } from '../../mirror/instances.js';
import type { Neighbourhood } from '../../mirror/neighbourhoods/neighbourhood.js';
import { parseNeighbourhoodSpec } from '../../mirror/neighbourhoods/neighbourhoodSpec.js';
import { parseNuSpec } from '../../mirror/nu.js';
import { parseSamplingSpec, type Sampling } from '../../mirror/sampling.js';
import type { MirrorConfig } from '../../mirror/update/mirrorConfig.js';
import { EXACT_ENGINE, type Engine } from '../../verify/step.js';
import { ENGINE_MUTANTS } from './mutants.js';
import { INVALID_DRIFTS, INVALID_NEIGHBOURHOODS, INVALID_SAMPLINGS } from './teeth.js';

/**
 * A configuration as text, so that a report can name it and `replay` can rebuild it: an instance (`trpo:0.01`), or a
 * drift × neighbourhood × sampling × ν in the CLI's spec language. `invalid:<name>` picks a deliberately invalid
 * construction from the teeth registry; drifts named `module:<path>` or `expr:<text>` are user drifts, resolved by the
 * caller (see `extraDrifts`).
 */
export interface ConfigSpec {
  readonly instance?: string;
  readonly drift?: string;
  readonly neighbourhood?: string;
  readonly sampling?: string;
  readonly nu?: string;
  /** `mutant:<name>`: a deliberately broken engine part from `mutants.ts` (default: the exact engine). */
  readonly engine?: string;
  /** `random`: the entry of random constructions (`construction.ts`); each case carries its own spec. */
  readonly construction?: 'random';
}

/** A configuration with its spec and a one-line label. */
export interface RegisteredConfig {
  readonly label: string;
  readonly spec: ConfigSpec;
  readonly config: MirrorConfig;
  /** The engine the claims run on: the exact one, or an engine mutant. */
  readonly engine: Engine;
}

/** `drift | neighbourhood | β | ν` (or `instance`). */
export function configLabel(spec: ConfigSpec): string {
  const parts = [
    spec.instance,
    spec.drift,
    spec.neighbourhood,
    spec.sampling && `β=${spec.sampling}`,
    spec.nu && `ν=${spec.nu}`,
    spec.engine,
  ].filter((x): x is string => Boolean(x));
  return parts.join(' | ');
}

function pick<T>(table: Readonly<Record<string, T>>, spec: string, what: string, flag: string): T {
  const name = spec.slice('invalid:'.length);
  const hit = table[name];
  if (!hit) {
    throw new InputError(
      flag,
      `unknown invalid ${what} ${JSON.stringify(spec)} (known: ${Object.keys(table)
        .map((k) => `invalid:${k}`)
        .join(', ')})`,
    );
  }
  return hit;
}

/** Whether a drift spec names a user's drift (`module:<path>`, `expr:<text>`) rather than a built-in one. */
export function isUserDriftSpec(text: string | undefined): boolean {
  return text !== undefined && (text.startsWith('module:') || text.startsWith('expr:'));
}

/** Rebuilds a configuration from its spec; `extraDrifts` resolves user drifts by their spec string. */
export function resolveConfig(spec: ConfigSpec, extraDrifts: Readonly<Record<string, Drift>> = {}): RegisteredConfig {
  const base: MirrorConfig | null = spec.instance ? parseInstanceSpec(spec.instance, 'config.instance') : null;
  const drift = (text: string): Drift => {
    if (extraDrifts[text]) return extraDrifts[text];
    if (text.startsWith('invalid:')) return pick(INVALID_DRIFTS, text, 'drift', 'config.drift');
    if (isUserDriftSpec(text)) {
      throw new InputError(
        'config.drift',
        `${JSON.stringify(text)} is a user drift: load it first (mirror-check drift)`,
      );
    }
    return parseDriftSpec(text, 'config.drift');
  };
  const neighbourhood = (text: string): Neighbourhood =>
    text.startsWith('invalid:')
      ? pick(INVALID_NEIGHBOURHOODS, text, 'neighbourhood', 'config.neighbourhood')
      : parseNeighbourhoodSpec(text, 'config.neighbourhood');
  const sampling = (text: string): Sampling =>
    text.startsWith('invalid:')
      ? pick(INVALID_SAMPLINGS, text, 'sampling', 'config.sampling')
      : parseSamplingSpec(text, 'config.sampling');
  const config: MirrorConfig = {
    name: base?.name,
    drift: spec.drift !== undefined ? drift(spec.drift) : (base?.drift ?? parseDriftSpec('zero')),
    neighbourhood:
      spec.neighbourhood !== undefined
        ? neighbourhood(spec.neighbourhood)
        : (base?.neighbourhood ?? parseNeighbourhoodSpec('trivial')),
    sampling: spec.sampling !== undefined ? sampling(spec.sampling) : (base?.sampling ?? { kind: 'uniform' }),
    nu: spec.nu !== undefined ? parseNuSpec(spec.nu, 'config.nu') : (base?.nu ?? 'sampling'),
  };
  let engine = EXACT_ENGINE;
  if (spec.engine !== undefined) {
    const name = spec.engine.startsWith('mutant:') ? spec.engine.slice('mutant:'.length) : '';
    const mutant = ENGINE_MUTANTS[name];
    if (!mutant) {
      throw new InputError(
        'config.engine',
        `unknown engine ${JSON.stringify(spec.engine)} (known: ${Object.keys(ENGINE_MUTANTS)
          .map((k) => `mutant:${k}`)
          .join(', ')})`,
      );
    }
    engine = mutant;
  }
  return { label: configLabel(spec), spec, config, engine };
}
