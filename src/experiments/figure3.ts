import { gridWorld } from '../mdp/environments/gridWorld.js';
import { singleStepGame } from '../mdp/environments/singleStepGame.js';
import { tabularGame } from '../mdp/environments/tabularGame.js';
import type { Mdp } from '../mdp/mdp.js';
import { parseDriftSpec } from '../mirror/drifts/driftRegistry.js';
import { mirrorLearning } from '../mirror/mirrorLearning.js';
import { parseNeighbourhoodSpec } from '../mirror/neighbourhoods/neighbourhoodSpec.js';
import { policyIteration } from '../policy/policyIteration.js';

/** The paper's three environments (Section 7), with the optimal return the paper states. */
export const FIGURE3_ENVIRONMENTS: readonly { id: string; title: string; build: () => Mdp; paperReturn: number }[] = [
  { id: 'single-step-game', title: 'Single-step game', build: singleStepGame, paperReturn: 10 },
  { id: 'tabular-game', title: 'Tabular game', build: tabularGame, paperReturn: 9.7 },
  { id: 'gridworld', title: 'GridWorld', build: () => gridWorld(), paperReturn: -7 },
];
/** The drifts of Figure 3, scaled by 50 as in the published code (Kuba et al. 2022, Section 7). */
export const FIGURE3_DRIFTS = [
  { id: 'zero', label: 'zero', spec: 'zero' },
  { id: 'tv2', label: '50·TV²', spec: 'tv2:50' },
  { id: 'l2', label: '50·L2²', spec: 'l2:50' },
  { id: 'kl', label: '50·KL', spec: 'kl:50' },
];
/** The two neighbourhoods: the expected-drift ball (left column) and the KL ball (right column), δ = 0.05. */
export const FIGURE3_NEIGHBOURHOODS = [
  { id: 'drift-ball', label: 'expected-drift ball E_β[D] ≤ 0.05', spec: 'drift-ball:0.05' },
  { id: 'kl-ball', label: 'KL ball E_β[KL(π‖π̄)] ≤ 0.05', spec: 'kl-ball:0.05' },
];
export const FIGURE3_ITERATIONS = 50;

/** One curve of Figure 3: the return and the Theorem 1.1 lower bound per iteration. */
export interface Figure3Series {
  readonly drift: string;
  readonly label: string;
  /** η(π_n), n = 0 … 50. */
  readonly eta: number[];
  /** η(π_0) + Σ_{k≤n} E_d[(ν/β)·D_{π_{k−1}}(π_k)]: the cumulative drift shifted by the initial return. */
  readonly cumulativeDrift: number[];
  readonly seconds: number;
}

/** One panel: an environment × a neighbourhood, its curves, and the exact optimum. */
export interface Figure3Panel {
  readonly environment: string;
  readonly environmentTitle: string;
  readonly neighbourhood: string;
  readonly neighbourhoodLabel: string;
  readonly etaStar: number;
  readonly paperReturn: number;
  readonly series: Figure3Series[];
}

/**
 * Figure 3 of Kuba et al. 2022 (Section 7) with exact updates: from the uniform policy, 50 iterations of mirror
 * learning with β = ν = uniform, for each environment × neighbourhood × drift. Each run is an independent job
 * (`panel`, `drift` indices), so callers may spread them over workers.
 */
export function figure3Series(environment: number, neighbourhood: number, drift: number): Figure3Series {
  const env = FIGURE3_ENVIRONMENTS[environment];
  const nb = FIGURE3_NEIGHBOURHOODS[neighbourhood];
  const d = FIGURE3_DRIFTS[drift];
  const mdp = env.build();
  const started = Date.now();
  const run = mirrorLearning(
    mdp,
    {
      name: `${d.spec} ${nb.spec}`,
      drift: parseDriftSpec(d.spec),
      neighbourhood: parseNeighbourhoodSpec(nb.spec),
      sampling: { kind: 'uniform' },
      nu: 'sampling',
    },
    { iterations: FIGURE3_ITERATIONS },
  );
  // A run that reaches a fixed point stays there: extend its curve flat to 50 iterations.
  const eta = run.iterations.map((r) => r.eta);
  const cumulative: number[] = [];
  let acc = eta[0];
  for (const r of run.iterations) {
    acc += r.weightedDrift;
    cumulative.push(acc);
  }
  while (eta.length <= FIGURE3_ITERATIONS) {
    eta.push(eta[eta.length - 1]);
    cumulative.push(cumulative[cumulative.length - 1]);
  }
  return { drift: d.id, label: d.label, eta, cumulativeDrift: cumulative, seconds: (Date.now() - started) / 1000 };
}

/** The panel's fixed data (without the series). */
export function figure3Panel(environment: number, neighbourhood: number): Omit<Figure3Panel, 'series'> {
  const env = FIGURE3_ENVIRONMENTS[environment];
  const nb = FIGURE3_NEIGHBOURHOODS[neighbourhood];
  return {
    environment: env.id,
    environmentTitle: env.title,
    neighbourhood: nb.id,
    neighbourhoodLabel: nb.label,
    etaStar: policyIteration(env.build()).etaStar,
    paperReturn: env.paperReturn,
  };
}
