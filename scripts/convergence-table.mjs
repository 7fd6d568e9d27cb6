#!/usr/bin/env node
// Iterations for exact mirror learning to get within 1e-6 of η* on the paper's three environments, for every built-in
// drift scaled ×1 and ×50, under the trivial neighbourhood and under kl-ball:0.05 (β = ν = uniform, π₀ uniform);
// where 200 iterations do not suffice, the gap η* − η left. Prints a Markdown table. `npm run build` first.
import {
  DRIFT_KINDS,
  mirrorLearning,
  PAPER_ENVIRONMENTS,
  parseNeighbourhoodSpec,
  policyIteration,
  scaledDrift,
} from '../dist/index.js';

const BUDGET = 200;
const TARGET = 1e-6;
const envs = Object.entries(PAPER_ENVIRONMENTS).map(([name, build]) => ({ name, mdp: build() }));
const header = ['drift', ...envs.flatMap((e) => [`${e.name} trivial`, `${e.name} kl-ball:0.05`])];
process.stdout.write(
  `| ${header.join(' | ')} |\n| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |\n`,
);
for (const kind of DRIFT_KINDS) {
  for (const scale of kind.name === 'zero' ? [1] : [1, 50]) {
    const base = kind.build(kind.parameter?.fallback ?? 1);
    const drift = scale === 1 ? base : scaledDrift(base, scale, `${base.name}×${scale}`);
    const cells = [drift.name];
    for (const { mdp } of envs) {
      const sol = policyIteration(mdp);
      for (const nb of ['trivial', 'kl-ball:0.05']) {
        const t0 = performance.now();
        const run = mirrorLearning(
          mdp,
          { drift, nu: 'sampling', neighbourhood: parseNeighbourhoodSpec(nb), sampling: { kind: 'uniform' } },
          {
            iterations: BUDGET,
            etaStar: { value: sol.etaStar, error: sol.errorBound.eta },
            stopWhen: (r) => r.gap <= TARGET,
          },
        );
        const last = run.iterations[run.iterations.length - 1];
        const reached = last.gap <= TARGET ? last.n : -1;
        const ms = performance.now() - t0;
        cells.push(
          reached >= 0
            ? `${reached}`
            : `gap ${last.gap.toExponential(1)}${run.stoppedBecause === 'fixed-point' ? ' (fixed point)' : ''}`,
        );
        process.stderr.write(`${drift.name} ${mdp.name} ${nb}: ${cells.at(-1)} in ${(ms / 1000).toFixed(1)} s\n`);
      }
    }
    process.stdout.write(`| ${cells.join(' | ')} |\n`);
  }
}
