/**
 * The generic solver (issue 11, items 3 and 7): drift evaluations and time per exact update when the drift gives only
 * `value`, as a user's drift in the gate does. Built-in drifts are wrapped as value-only drifts that count their calls;
 * A = 4, dense random MDPs (γ = 0.99), from the uniform policy, ν = β uniform. Evaluation counts are deterministic (the
 * figure to compare across machines); times are medians.
 */
import {
  generateMdp,
  mirrorUpdate,
  parseDriftSpec,
  parseNeighbourhoodSpec,
  PolicyEvaluator,
  uniformPolicy,
} from '../dist/index.js';
import { fmt, medianMs, row } from './measure.mjs';

let calls = 0;

/** The drift as a user module would give it: a name and `value` only (no gradient, no family, no convexity flag). */
function valueOnly(spec) {
  const drift = parseDriftSpec(spec);
  return {
    name: `value-only ${spec}`,
    value(piBar, pi, ctx) {
      calls++;
      return drift.value(piBar, pi, ctx);
    },
  };
}

export function genericBench({ quick = false } = {}) {
  process.stdout.write(
    '\n## The generic solver: value-only drifts (A = 4, dense, γ = 0.99, from the uniform policy)\n\n',
  );
  row(['drift (value only)', 'neighbourhood', 'S', 'evaluations per update', 'per state', 'update']);
  row(['---', '---', '---:', '---:', '---:', '---:']);
  const sizes = quick ? [5] : [5, 20];
  for (const spec of ['l2', 'kl', 'tv2', 'logratio2']) {
    for (const nb of ['trivial', 'kl-ball:0.05']) {
      for (const S of sizes) {
        const mdp = generateMdp({ seed: 1, states: S, actions: 4, gamma: 0.99 });
        const config = {
          drift: valueOnly(spec),
          nu: 'sampling',
          neighbourhood: parseNeighbourhoodSpec(nb),
          sampling: { kind: 'uniform' },
        };
        const piOld = uniformPolicy(S, 4);
        const evaluation = new PolicyEvaluator(mdp).evaluate(piOld);
        const beta = new Float64Array(S).fill(1 / S);
        calls = 0;
        mirrorUpdate({ mdp, piOld, evaluation, beta }, config);
        const perUpdate = calls;
        const time = medianMs(() => mirrorUpdate({ mdp, piOld, evaluation, beta }, config), {
          warmup: 0,
          minRuns: quick ? 1 : 3,
          minTimeMs: 0,
        });
        row([spec, nb, S, perUpdate.toLocaleString('en-US'), Math.round(perUpdate / S), fmt(time.median)]);
      }
    }
  }
}
