/**
 * docs/library.md, executed: each example there is one test here (imported from './index.js', the package's
 * `mirror-check` entry), and every name the document imports from 'mirror-check' is exported.
 */
import { readFileSync } from 'node:fs';
import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import * as library from './index.js';
import {
  checkClaim,
  checkDefinition1,
  checkTheorem1Improvement,
  lemma2Claim,
  loadReport,
  mdpWithPolicies,
  replayReport,
  resolveConfig,
  runDriftGate,
  updateStep,
  type Drift,
} from './index.js';

/** The doc's running example: a state-dependent squared L2 drift. */
const myDrift: Drift = {
  name: 'my-drift',
  value(piBar, pi, ctx) {
    let sq = 0;
    for (let a = 0; a < pi.length; a++) sq += (piBar[a] - pi[a]) ** 2;
    return (1 + ctx.state) * sq;
  },
};

describe('docs/library.md', () => {
  // 1. A theorem as a property of your own test suite.
  const { config } = resolveConfig(
    { drift: 'my-drift', neighbourhood: 'kl-ball:0.05', sampling: 'uniform', nu: 'sampling' },
    { 'my-drift': myDrift },
  );
  test.prop([mdpWithPolicies(1, { maxStates: 3, maxActions: 3 })], { numRuns: 10, seed: 1 })(
    'Theorem 1.1 holds for my drift on random MDPs',
    ({ mdp, policies: [pi] }) => {
      const verdict = checkTheorem1Improvement(updateStep(mdp, config, pi));
      expect(verdict.status).not.toBe('violated');
    },
  );

  // 2. A claim's own arbitrary and predicate (what the registry runs), for a built-in configuration.
  const entry = resolveConfig({ drift: 'kl', neighbourhood: 'trivial', sampling: 'uniform', nu: 'sampling' });
  test.prop([lemma2Claim.arbitrary(entry, {})], { numRuns: 10, seed: 1 })('Lemma 2 for KL', (c) => {
    expect(lemma2Claim.check(entry, c).status).not.toBe('violated');
  });

  test('the same claim through the runner: shrinking, reports, coverage', () => {
    const r = checkClaim(lemma2Claim, entry, { numRuns: 10, seed: 1, reportDir: null });
    expect(r.status).toBe('holds');
    expect(r.meaningful).toBeGreaterThan(0);
  });

  // 3. The axioms in one call, no context built by hand.
  test('Definition 1 in one call', () => {
    expect(checkDefinition1(myDrift).kind).toBe('valid');
    const tv: Drift = {
      name: 'tv',
      value: (piBar, pi) => piBar.reduce((d, x, a) => d + Math.abs(x - pi[a]), 0),
    };
    const invalid = checkDefinition1(tv);
    expect(invalid.kind).toBe('invalid');
    expect(invalid.result.report!.size.states).toBeLessThanOrEqual(2);
  });

  // 4. The whole gate from code.
  test('the gate from code', () => {
    const gate = runDriftGate(myDrift, { seed: 1, runs: 1, budgetMs: 20_000, reportDir: null });
    expect(gate.status).toBe('holds');
    expect(gate.definition1).toBe('valid');
  }, 300_000);

  test('replaying a report', () => {
    const file = 'fixtures/counterexamples/lemma-2-51f65dd79f.json';
    const verdict = replayReport(loadReport(file));
    expect(verdict.status).toBe(JSON.parse(readFileSync(file, 'utf8')).expect);
  });

  test("every name docs/library.md imports from 'mirror-check' is exported", () => {
    const md = readFileSync(new URL('../docs/library.md', import.meta.url), 'utf8');
    const names = [...md.matchAll(/import\s*\{([^}]*)\}\s*from\s*'mirror-check'/g)]
      .flatMap((m) => m[1].split(','))
      .map((n) => n.trim().replace(/^type\s+/, ''))
      .filter(Boolean);
    expect(names.length).toBeGreaterThan(5);
    const types = new Set(['Drift', 'Verdict', 'ClaimCase', 'RegisteredConfig']);
    for (const n of names) if (!types.has(n)) expect(library, n).toHaveProperty(n);
  });

  test('the barrel is the public API only: solver plumbing and registry internals stay inside', () => {
    for (const internal of [
      'STEP_SIZES',
      'luFactor',
      'separableStateSolve',
      'genericStateSolve',
      'ExactEvaluator',
      'sound',
    ]) {
      expect(library, internal).not.toHaveProperty(internal);
    }
    expect(Object.keys(library).length).toBeLessThan(130);
  });
});
