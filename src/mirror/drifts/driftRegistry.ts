import { InputError } from '../../errors.js';
import { chiSquaredDrift } from './chiSquaredDrift.js';
import { scaledDrift } from './combinators.js';
import type { Drift } from './drift.js';
import { forwardKlDrift } from './forwardKlDrift.js';
import { hellingerDrift } from './hellingerDrift.js';
import { logRatioSquaredDrift } from './logRatioSquaredDrift.js';
import { ppoClipDrift } from './ppoClipDrift.js';
import { reverseKlDrift } from './reverseKlDrift.js';
import { squaredL2Drift } from './squaredL2Drift.js';
import { squaredTvDrift } from './squaredTvDrift.js';
import { zeroDrift } from './zeroDrift.js';

/** A named drift family in the spec language `name[:parameter]`. */
export interface DriftKind {
  readonly name: string;
  readonly summary: string;
  /** What the parameter means, and its default. */
  readonly parameter: { meaning: string; fallback: number } | null;
  build(parameter: number): Drift;
}

const coefficient = { meaning: 'coefficient c > 0 (the drift is c·D)', fallback: 1 };
const scaled = (base: Drift) => (c: number) => (c === 1 ? base : scaledDrift(base, c, `${base.name}:${c}`));

/** The valid built-in drifts (Definition 1), by spec name. */
export const DRIFT_KINDS: readonly DriftKind[] = [
  { name: 'zero', summary: 'D = 0 (GPI)', parameter: null, build: () => zeroDrift },
  { name: 'kl', summary: 'c·KL(π‖π̄), forward (TRPO, PPO-KL)', parameter: coefficient, build: scaled(forwardKlDrift) },
  { name: 'rkl', summary: 'c·KL(π̄‖π), reverse (MDPO)', parameter: coefficient, build: scaled(reverseKlDrift) },
  { name: 'l2', summary: 'c·‖π̄ − π‖²', parameter: coefficient, build: scaled(squaredL2Drift) },
  { name: 'tv2', summary: 'c·(½‖π̄ − π‖₁)²', parameter: coefficient, build: scaled(squaredTvDrift) },
  {
    name: 'ppo',
    summary: 'PPO-clip drift E_π[ReLU((r − clip(r,1±ε))·A_π)]',
    parameter: { meaning: 'clip ε in (0, 1)', fallback: 0.2 },
    build: (eps) => ppoClipDrift(eps),
  },
  { name: 'hellinger', summary: 'c·Σ(√π̄ − √π)²', parameter: coefficient, build: scaled(hellingerDrift) },
  { name: 'chi2', summary: 'c·Σ(π̄ − π)²/π', parameter: coefficient, build: scaled(chiSquaredDrift) },
  {
    name: 'logratio2',
    summary: 'c·Σπ(log π̄/π)² (not convex)',
    parameter: coefficient,
    build: scaled(logRatioSquaredDrift),
  },
];

/** Parses a number in a spec string, naming the flag on failure. */
export function specNumber(flag: string, spec: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const x = Number(text);
  if (!Number.isFinite(x))
    throw new InputError(flag, `${JSON.stringify(spec)}: ${JSON.stringify(text)} is not a finite number`);
  return x;
}

/** `zero`, `kl:<c>`, `rkl:<c>`, `l2:<c>`, `tv2:<c>`, `ppo:<ε>`, `hellinger:<c>`, `chi2:<c>`, `logratio2:<c>`. */
export function parseDriftSpec(spec: string, flag = '--drift'): Drift {
  const [name, param, ...rest] = spec.split(':');
  const kind = DRIFT_KINDS.find((k) => k.name === name);
  if (!kind) {
    throw new InputError(
      flag,
      `unknown drift ${JSON.stringify(spec)} (known: ${DRIFT_KINDS.map((k) => k.name).join(', ')})`,
    );
  }
  if (rest.length > 0 || (kind.parameter === null && param !== undefined)) {
    throw new InputError(
      flag,
      `${JSON.stringify(spec)} has too many parts (expected ${kind.name}${kind.parameter ? ':<number>' : ''})`,
    );
  }
  const x = specNumber(flag, spec, param, kind.parameter?.fallback ?? 0);
  try {
    if (kind.parameter && kind.name !== 'ppo' && !(x > 0)) throw new RangeError(`coefficient ${x} must be > 0`);
    return kind.build(x);
  } catch (e) {
    throw new InputError(flag, `${JSON.stringify(spec)}: ${(e as Error).message}`);
  }
}
