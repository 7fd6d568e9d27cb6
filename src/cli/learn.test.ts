import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from './runCli.testkit.js';

const root = new URL('../../', import.meta.url).pathname;
const fixture = (name: string) => join(root, 'fixtures', name);

describe('mirror-check learn', () => {
  test('--json has the documented per-iteration keys, n = 0 the initial policy', async () => {
    const r = await runCli([
      'learn',
      fixture('tabular-game.json'),
      '--drift',
      'kl:1',
      '--neighbourhood',
      'kl-ball:0.05',
      '--iterations',
      '4',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.iterations).toHaveLength(5);
    expect(out.iterations[0].n).toBe(0);
    expect(out.iterations[0].certificate).toBeNull();
    for (const it of out.iterations)
      for (const key of ['n', 'eta', 'v', 'policy', 'drift', 'weightedDrift', 'gap', 'certificate'])
        expect(it).toHaveProperty(key);
    const cert = out.iterations[1].certificate;
    expect(cert.feasible).toBe(true);
    expect(cert.optimalityGap).toBeLessThan(1e-9);
    expect(cert.constraints[0].radius).toBe(0.05);
    expect(out.iterations[4].eta).toBeGreaterThan(out.iterations[0].eta);
  });

  test('every instance runs from the CLI', async () => {
    for (const instance of ['gpi', 'trl', 'trpo', 'ppo', 'ppo-kl', 'mdpo', 'mdpo-off']) {
      const r = await runCli([
        'learn',
        fixture('tabular-game.json'),
        '--instance',
        instance,
        '--iterations',
        '3',
        '--json',
      ]);
      expect(r.code, `${instance}: ${r.stderr}`).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.config).toContain(instance);
      expect(out.iterations.at(-1).eta).toBeGreaterThanOrEqual(out.iterations[0].eta);
    }
  });

  test('flags override the instance; a readable table without --json; GPI stops at a fixed point', async () => {
    const r = await runCli([
      'learn',
      fixture('single-step-game.json'),
      '--instance',
      'ppo',
      '--drift',
      'zero',
      '--iterations',
      '5',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('drift zero');
    expect(r.stdout).toMatch(/n\s+eta\s+eta\* - eta/);
    expect(r.stdout).toContain('stopped: fixed point');
  });

  test('ν = max-state, off-policy sampling and an initial policy file', async () => {
    const r = await runCli([
      'learn',
      fixture('gridworld.json'),
      '--drift',
      'kl:2',
      '--nu',
      'max-state',
      '--sampling',
      'off-policy',
      '--iterations',
      '2',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).iterations[1].certificate.method).toBe('epigraph');
  });

  test.each([
    [['--drift', 'kl:0'], /^mirror-check: --drift: "kl:0": coefficient 0 must be > 0/],
    [['--neighbourhood', 'kl-ball'], /^mirror-check: --neighbourhood: "kl-ball" needs a radius/],
    [
      ['--nu', 'max-state', '--neighbourhood', 'kl-ball:0.1'],
      /^mirror-check: --nu: max-state \(TRL\) is supported with the trivial neighbourhood only/,
    ],
    [['--sampling', 'fixed:1,2'], /^mirror-check: --sampling: fixed weights have 2 entries, the MDP has 6 states/],
    [['--iterations=-3'], /^mirror-check: --iterations: "-3" must be an integer in \[0, 100000\]/],
    [['--instance', 'sac'], /^mirror-check: --instance: unknown instance "sac"/],
  ])('bad input %j is exit 2 with one line', async (flags, message) => {
    const r = await runCli(['learn', fixture('tabular-game.json'), ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  test('every drift, ν, neighbourhood kind and sampling runs from the CLI', async () => {
    const drifts = ['zero', 'kl:2', 'rkl:1', 'l2:50', 'tv2:50', 'ppo:0.2', 'hellinger:1', 'chi2:1', 'logratio2:1'];
    const neighbourhoods = [
      'trivial',
      'kl-ball:0.05',
      'drift-ball:0.05:visitation',
      'l2-state-ball:0.1',
      'kl-ball:0.05+tv2-state-ball:0.1',
    ];
    for (const drift of drifts) {
      for (const neighbourhood of neighbourhoods) {
        if (drift === 'zero' && neighbourhood.startsWith('drift')) continue;
        const r = await runCli([
          'learn',
          fixture('single-step-game.json'),
          '--drift',
          drift,
          '--neighbourhood',
          neighbourhood,
          '--iterations',
          '2',
          '--json',
        ]);
        expect(r.code, `${drift} ${neighbourhood}: ${r.stderr}`).toBe(0);
        const it = JSON.parse(r.stdout).iterations;
        expect(it[1].certificate.feasible).toBe(true);
      }
    }
    for (const nu of ['sampling', 'visitation', 'max-state']) {
      for (const sampling of ['uniform', 'visitation', 'off-policy', 'fixed:1,3']) {
        const r = await runCli([
          'learn',
          fixture('single-step-game.json'),
          '--drift',
          'kl',
          '--nu',
          nu,
          '--sampling',
          sampling,
          '--iterations',
          '2',
          '--json',
        ]);
        expect(r.code, `${nu} ${sampling}: ${r.stderr}`).toBe(0);
      }
    }
  });
});
