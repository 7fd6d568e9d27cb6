import { DRIFT_KINDS } from '../../mirror/drifts/driftRegistry.js';
import { INSTANCE_KINDS } from '../../mirror/instances.js';
import { resolveConfig, type ConfigSpec, type RegisteredConfig } from './configSpec.js';

/** Neighbourhoods of the valid registry: trivial, the paper's two balls, a per-state ball, a ρ̄-weighted ball. */
export const REGISTRY_NEIGHBOURHOODS = [
  'trivial',
  'drift-ball:0.05',
  'kl-ball:0.05',
  'l2-state-ball:0.1',
  'l2-ball:0.05:visitation',
];
/** Sampling distributions of the valid registry. */
export const REGISTRY_SAMPLINGS = ['uniform', 'visitation', 'off-policy'];
/** Drift weightings ν of the valid registry (max-state, TRL's, is investigated separately). */
export const REGISTRY_NUS = ['sampling', 'visitation'];

/** Every built-in drift (at its default parameter) × neighbourhood × sampling × ν. */
export function productSpecs(drifts: readonly string[] = DRIFT_KINDS.map((k) => k.name)): ConfigSpec[] {
  const out: ConfigSpec[] = [];
  for (const drift of drifts)
    for (const neighbourhood of REGISTRY_NEIGHBOURHOODS)
      for (const sampling of REGISTRY_SAMPLINGS)
        for (const nu of REGISTRY_NUS) out.push({ drift, neighbourhood, sampling, nu });
  return out;
}

/** The named instances of Section 4 that Theorem 1 covers (TRL is in `INVESTIGATED_CONFIGS`). */
export const INSTANCE_SPECS: ConfigSpec[] = INSTANCE_KINDS.filter((k) => k.name !== 'trl').map((k) => ({
  instance: k.name,
}));

/**
 * The valid registry: every configuration the theorems must hold for. Adding a drift kind to DRIFT_KINDS (or a
 * neighbourhood, sampling or ν above) adds it to every property.
 */
export const VALID_CONFIGS: readonly RegisteredConfig[] = [...productSpecs(), ...INSTANCE_SPECS].map((spec) =>
  resolveConfig(spec),
);

/** Configurations outside the theorem's stated hypotheses that the suite investigates (docs/verification.md). */
export const INVESTIGATED_CONFIGS: readonly RegisteredConfig[] = [resolveConfig({ instance: 'trl' })];

/** The invalid constructions: each must be caught (docs/verification.md, "Teeth"). */
export const INVALID_CONFIGS: readonly RegisteredConfig[] = [
  { drift: 'invalid:tv-unsquared' },
  { drift: 'invalid:tv-power-0.9' },
  { drift: 'invalid:sign-flipped' },
  { drift: 'invalid:negative-near-pi' },
  { drift: 'invalid:small-linear' },
  { drift: 'invalid:ppo-kl-adaptive' },
  { drift: 'l2', neighbourhood: 'invalid:only-pi' },
  { drift: 'zero', sampling: 'invalid:beta-zero' },
].map((spec) => resolveConfig(spec));

/** The engine mutants (`mutants.ts`), each in a configuration where its fault matters: each must be caught too. */
export const MUTANT_CONFIGS: readonly RegisteredConfig[] = [
  { drift: 'l2', engine: 'mutant:skip-state' },
  { drift: 'l2', engine: 'mutant:flip-sign' },
  { drift: 'l2', neighbourhood: 'kl-ball:0.05', engine: 'mutant:early-dual' },
  { drift: 'kl', sampling: 'uniform', nu: 'visitation', engine: 'mutant:unit-ratio' },
  { drift: 'l2', engine: 'mutant:stale-values' },
  { drift: 'l2', engine: 'mutant:inflated-values' },
].map((spec) => resolveConfig(spec));
