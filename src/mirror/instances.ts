import { InputError } from '../errors.js';
import { contextScaledDrift, scaledDrift } from './drifts/combinators.js';
import { forwardKlDrift } from './drifts/forwardKlDrift.js';
import { ppoClipDrift } from './drifts/ppoClipDrift.js';
import { reverseKlDrift } from './drifts/reverseKlDrift.js';
import { specNumber } from './drifts/driftRegistry.js';
import { zeroDrift } from './drifts/zeroDrift.js';
import { trivialNeighbourhood } from './neighbourhoods/neighbourhood.js';
import type { MirrorConfig } from './update/mirrorConfig.js';

/** A named instance of mirror learning (Kuba et al. 2022, Section 4 and Appendix D). */
export interface InstanceKind {
  readonly name: string;
  readonly summary: string;
  readonly parameter: { meaning: string; fallback: number } | null;
  build(parameter: number): MirrorConfig;
}

/**
 * TRL's drift (Eq. 2): (1−γ)·C·KL(π‖π̄) with C = 4γ·max_{s,a}|A_π(s,a)|/(1−γ)², i.e. 4γ·max|A_π|/(1−γ) · KL.
 * It depends on π through A_π; the update uses the KL maximiser with that scale.
 */
export const trlDrift = contextScaledDrift(
  forwardKlDrift,
  (ctx) => (4 * ctx.gamma * ctx.maxAbsAdvantage) / (1 - ctx.gamma),
  'trl-kl',
);

export const INSTANCE_KINDS: readonly InstanceKind[] = [
  {
    name: 'gpi',
    summary: 'generalised policy iteration: zero drift, N = Π (greedy updates)',
    parameter: null,
    build: () => ({
      name: 'gpi',
      drift: zeroDrift,
      nu: 'sampling',
      neighbourhood: trivialNeighbourhood,
      sampling: { kind: 'uniform' },
    }),
  },
  {
    name: 'trl',
    summary: 'trust-region learning (Eq. 2): (1−γ)C·KL(π‖π̄), ν = Dirac at the max-drift state, β = ρ̄',
    parameter: null,
    build: () => ({
      name: 'trl',
      drift: trlDrift,
      nu: 'max-state',
      neighbourhood: trivialNeighbourhood,
      sampling: { kind: 'visitation' },
    }),
  },
  {
    name: 'trpo',
    summary: 'TRPO: zero drift, N = {E_{s∼ρ̄}[KL(π‖π̄)] ≤ δ}, β = ρ̄',
    parameter: { meaning: 'trust-region radius δ', fallback: 0.01 },
    build: (delta) => ({
      name: `trpo:${delta}`,
      drift: zeroDrift,
      nu: 'sampling',
      neighbourhood: {
        name: `kl-ball:${delta}:visitation`,
        balls: [{ kind: 'expected-ball', divergence: forwardKlDrift, radius: delta, weighting: 'visitation' }],
      },
      sampling: { kind: 'visitation' },
    }),
  },
  {
    name: 'ppo',
    summary: 'PPO-clip: the clip drift, ν = β = ρ̄, N = Π',
    parameter: { meaning: 'clip ε', fallback: 0.2 },
    build: (eps) => ({
      name: `ppo:${eps}`,
      drift: ppoClipDrift(eps),
      nu: 'visitation',
      neighbourhood: trivialNeighbourhood,
      sampling: { kind: 'visitation' },
    }),
  },
  {
    name: 'ppo-kl',
    summary: 'PPO-KL with a fixed τ: τ·KL(π‖π̄), ν = β = ρ̄, N = Π',
    parameter: { meaning: 'penalty τ', fallback: 1 },
    build: (tau) => ({
      name: `ppo-kl:${tau}`,
      drift: scaledDrift(forwardKlDrift, tau, `kl:${tau}`),
      nu: 'visitation',
      neighbourhood: trivialNeighbourhood,
      sampling: { kind: 'visitation' },
    }),
  },
  {
    name: 'mdpo',
    summary: 'on-policy MDPO: (1/t)·KL(π̄‖π), ν = β = ρ̄, N = Π',
    parameter: { meaning: 'step size t (drift 1/t · reverse KL)', fallback: 1 },
    build: (t) => ({
      name: `mdpo:${t}`,
      drift: scaledDrift(reverseKlDrift, 1 / t, `rkl:${1 / t}`),
      nu: 'sampling',
      neighbourhood: trivialNeighbourhood,
      sampling: { kind: 'visitation' },
    }),
  },
  {
    name: 'mdpo-off',
    summary: 'off-policy MDPO: (1/t)·KL(π̄‖π), β = average of past ρ̄ (Appendix E), N = Π',
    parameter: { meaning: 'step size t', fallback: 1 },
    build: (t) => ({
      name: `mdpo-off:${t}`,
      drift: scaledDrift(reverseKlDrift, 1 / t, `rkl:${1 / t}`),
      nu: 'sampling',
      neighbourhood: trivialNeighbourhood,
      sampling: { kind: 'off-policy' },
    }),
  },
];

/** `gpi`, `trl`, `trpo[:δ]`, `ppo[:ε]`, `ppo-kl[:τ]`, `mdpo[:t]`, `mdpo-off[:t]`. */
export function parseInstanceSpec(spec: string, flag = '--instance'): MirrorConfig {
  const [name, param, ...rest] = spec.split(':');
  const kind = INSTANCE_KINDS.find((k) => k.name === name);
  if (!kind)
    throw new InputError(
      flag,
      `unknown instance ${JSON.stringify(spec)} (known: ${INSTANCE_KINDS.map((k) => k.name).join(', ')})`,
    );
  if (rest.length > 0 || (kind.parameter === null && param !== undefined)) {
    throw new InputError(flag, `${JSON.stringify(spec)} has too many parts`);
  }
  const x = specNumber(flag, spec, param, kind.parameter?.fallback ?? 0);
  if (kind.parameter && !(x > 0))
    throw new InputError(flag, `${JSON.stringify(spec)}: ${kind.parameter.meaning} must be > 0`);
  try {
    return kind.build(x);
  } catch (e) {
    throw new InputError(flag, `${JSON.stringify(spec)}: ${(e as Error).message}`);
  }
}
