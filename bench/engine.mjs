/**
 * Engine benchmark (issue: foundation): medians of exact evaluation (V, Q, A, ρ̄, η) and of policy iteration, dense
 * MDPs with A = 4 and γ = 0.99, and evaluations per second at S = 5. Targets: evaluation + visitation ≤ 15 ms at
 * S = 500 and ≤ 50 µs at S = 50.
 */
import { generateMdp, PolicyEvaluator, policyIteration, uniformPolicy } from '../dist/index.js';
import { luFactor } from '../dist/policy/luDecomposition.js';
import { fmt, medianMs, row } from './measure.mjs';

export function engineBench() {
  process.stdout.write('\n## Exact evaluation and policy iteration (dense, A = 4, γ = 0.99)\n\n');
  row(['S', 'evaluate (V, Q, A, ρ̄, η)', 'LU factorisation alone', 'policy iteration', 'PI iterations']);
  row(['---:', '---:', '---:', '---:', '---:']);
  for (const S of [5, 10, 50, 100, 500, 1000]) {
    const mdp = generateMdp({ seed: 1, states: S, actions: 4, gamma: 0.99 });
    const evaluator = new PolicyEvaluator(mdp);
    const pi = uniformPolicy(S, 4);
    const ev = medianMs(() => evaluator.evaluate(pi));
    const a = new Float64Array(S * S);
    const base = new Float64Array(S * S);
    for (let i = 0; i < S * S; i++) base[i] = (i % (S + 1) === 0 ? 1 : 0) - ((0.99 / S) * ((i * 7919) % 13)) / 6;
    const perm = new Int32Array(S);
    const lu = medianMs(() => {
      a.set(base);
      luFactor(a, S, perm);
    });
    let iterations = 0;
    const pi2 = medianMs(() => (iterations = policyIteration(mdp).iterations), { minRuns: S >= 500 ? 5 : 15 });
    row([S, fmt(ev.median), fmt(lu.median), fmt(pi2.median), iterations]);
  }
  const small = generateMdp({ seed: 1, states: 5, actions: 4, gamma: 0.99 });
  const evaluator = new PolicyEvaluator(small);
  const pi = uniformPolicy(5, 4);
  const m = medianMs(() => {
    for (let i = 0; i < 1000; i++) evaluator.evaluate(pi);
  });
  process.stdout.write(
    `\nS = 5: ${Math.round(1000 / (m.median / 1000)).toLocaleString('en-US')} evaluations per second (median of ${m.runs} batches of 1000)\n`,
  );
}
