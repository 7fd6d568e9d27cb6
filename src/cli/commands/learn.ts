import { InputError } from '../../errors.js';
import type { Mdp } from '../../mdp/mdp.js';
import { readMdpFile } from '../../mdp/readMdpFile.js';
import { parseDriftSpec } from '../../mirror/drifts/driftRegistry.js';
import { zeroDrift } from '../../mirror/drifts/zeroDrift.js';
import { parseInstanceSpec } from '../../mirror/instances.js';
import { mirrorLearning, type IterationRecord } from '../../mirror/mirrorLearning.js';
import { trivialNeighbourhood } from '../../mirror/neighbourhoods/neighbourhood.js';
import { parseNeighbourhoodSpec } from '../../mirror/neighbourhoods/neighbourhoodSpec.js';
import { parseNuSpec } from '../../mirror/nu.js';
import { parseSamplingSpec } from '../../mirror/sampling.js';
import type { MirrorConfig } from '../../mirror/update/mirrorConfig.js';
import { integerFlag, onePositional, parseCommandArgs } from '../args.js';
import { parseOptions } from '../commandSpecs.js';
import { loadPolicy } from '../loadPolicy.js';
import { toRows } from '../nested.js';
import { formatNumber, textTable } from '../../suite/report/textTable.js';

/** The configuration from flags: an instance's, with each flag given overriding its part. */
export function configFromFlags(values: Record<string, string | boolean | undefined>): MirrorConfig {
  const base: MirrorConfig =
    values.instance !== undefined
      ? parseInstanceSpec(String(values.instance))
      : { drift: zeroDrift, nu: 'sampling', neighbourhood: trivialNeighbourhood, sampling: { kind: 'uniform' } };
  const config: MirrorConfig = {
    name: values.instance !== undefined ? base.name : undefined,
    drift: values.drift !== undefined ? parseDriftSpec(String(values.drift)) : base.drift,
    neighbourhood:
      values.neighbourhood !== undefined ? parseNeighbourhoodSpec(String(values.neighbourhood)) : base.neighbourhood,
    sampling: values.sampling !== undefined ? parseSamplingSpec(String(values.sampling)) : base.sampling,
    nu: values.nu !== undefined ? parseNuSpec(String(values.nu)) : base.nu,
  };
  if (config.nu === 'max-state' && config.neighbourhood.balls.length > 0) {
    throw new InputError('--nu', 'max-state (TRL) is supported with the trivial neighbourhood only');
  }
  return config;
}

/** A one-line description of a configuration. */
export function describeConfig(config: MirrorConfig): string {
  const sampling =
    config.sampling.kind === 'fixed' ? `fixed:${Array.from(config.sampling.weights).join(',')}` : config.sampling.kind;
  return `${config.name ? `${config.name}: ` : ''}drift ${config.drift.name}, neighbourhood ${config.neighbourhood.name}, sampling ${sampling}, nu ${config.nu}`;
}

function recordJson(r: IterationRecord, A: number) {
  return {
    n: r.n,
    eta: r.eta,
    v: Array.from(r.v),
    policy: toRows(r.policy, A),
    drift: r.drift,
    weightedDrift: r.weightedDrift,
    gap: r.gap,
    certificate: r.certificate,
  };
}

/** `learn`: run mirror learning with exact updates and print every iteration. */
export function learnCommand(argv: string[]): number {
  const { values, positionals } = parseCommandArgs('learn', argv, parseOptions('learn'));
  const mdp: Mdp = readMdpFile(onePositional('learn', positionals, 'MDP file'));
  const config = configFromFlags(values);
  if (config.sampling.kind === 'fixed' && config.sampling.weights.length !== mdp.numStates) {
    throw new InputError(
      '--sampling',
      `fixed weights have ${config.sampling.weights.length} entries, the MDP has ${mdp.numStates} states`,
    );
  }
  const iterations = integerFlag('iterations', values.iterations, 50, 0, 100_000);
  const init = loadPolicy(values.init as string | undefined, mdp);
  const run = mirrorLearning(mdp, config, { iterations, initialPolicy: init });
  const A = mdp.numActions;
  if (values.json) {
    const out = {
      mdp: mdp.name,
      config: describeConfig(config),
      etaStar: run.etaStar,
      stoppedBecause: run.stoppedBecause,
      iterations: run.iterations.map((r) => recordJson(r, A)),
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  process.stdout.write(
    `${mdp.name}: S=${mdp.numStates}, A=${A}, gamma=${mdp.gamma}; eta* = ${formatNumber(run.etaStar)}\n`,
  );
  process.stdout.write(`${describeConfig(config)}\n\n`);
  const rows = run.iterations.map((r) => [
    r.n,
    r.eta,
    r.gap,
    r.drift,
    r.weightedDrift,
    r.certificate
      ? r.certificate.optimalityGap === null
        ? 'uncertified'
        : r.certificate.optimalityGap.toExponential(1)
      : '-',
    r.certificate ? `${r.certificate.method}${r.certificate.feasible ? '' : ' INFEASIBLE'}` : '-',
  ]);
  process.stdout.write(textTable(['n', 'eta', 'eta* - eta', 'drift', 'E_d[nu/beta D]', 'update gap', 'method'], rows));
  const notes = new Set(run.iterations.flatMap((r) => r.certificate?.outsideHypotheses ?? []));
  for (const note of notes) process.stdout.write(`note: ${note}\n`);
  process.stdout.write(
    `stopped: ${run.stoppedBecause === 'fixed-point' ? 'fixed point (pi_new = pi_old)' : 'iteration budget'}\n`,
  );
  return 0;
}
