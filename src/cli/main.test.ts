import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseMdp } from '../mdp/parseMdp.js';
import { runCli } from './runCli.testkit.js';

const root = new URL('../../', import.meta.url).pathname;
const fixture = (name: string) => join(root, 'fixtures', name);
const dir = mkdtempSync(join(tmpdir(), 'mc-cli-'));

describe('mirror-check evaluate', () => {
  test('--json has the documented keys and the uniform policy by default', async () => {
    const r = await runCli(['evaluate', fixture('tabular-game.json'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const key of ['v', 'q', 'advantage', 'visitation', 'eta', 'errorBound']) expect(out).toHaveProperty(key);
    expect(out.v).toHaveLength(6);
    expect(out.q[0]).toHaveLength(3);
    const total = out.visitation.reduce((a: number, b: number) => a + b, 0);
    expect(Math.abs(total - 1)).toBeLessThan(1e-9);
  });

  test('reads a policy file and prints a readable table without --json', async () => {
    const policy = join(dir, 'right.json');
    writeFileSync(policy, JSON.stringify(Array.from({ length: 6 }, () => [0, 0, 1])));
    const r = await runCli(['evaluate', fixture('tabular-game.json'), '--policy', policy]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/eta = 9\.78022/);
    expect(r.stdout).toMatch(/state\s+V\s+rhoBar\s+Q\[left\]/);
  });

  test('a policy of the wrong shape is exit 2 naming the field', async () => {
    const policy = join(dir, 'short.json');
    writeFileSync(policy, JSON.stringify([[1, 0, 0]]));
    const r = await runCli(['evaluate', fixture('tabular-game.json'), '--policy', policy]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('mirror-check: policy: has 1 entries, expected 6 (the number of states of the MDP)\n');
  });
});

describe('mirror-check solve', () => {
  test('--json has the documented keys; eta* of the single-step game is 10', async () => {
    const r = await runCli(['solve', fixture('single-step-game.json'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const key of ['vStar', 'etaStar', 'policy', 'iterations', 'errorBound']) expect(out).toHaveProperty(key);
    expect(out.etaStar).toBe(10);
    expect(out.policy[0]).toEqual([1, 0, 0, 0, 0]);
  });

  test('answers on any valid generated file', async () => {
    const file = join(dir, 'g.json');
    expect(
      (await runCli(['generate', '--seed', '3', '--states', '30', '--actions', '3', '--garnet', '2', '--out', file]))
        .code,
    ).toBe(0);
    const r = await runCli(['solve', file, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).vStar).toHaveLength(30);
  });
});

describe('mirror-check generate', () => {
  test('is reproducible per seed and writes a valid mdp/v1 document', async () => {
    const a = await runCli(['generate', '--seed', '11', '--states', '4', '--actions', '2', '--gamma', '0.95']);
    const b = await runCli(['generate', '--seed', '11', '--states', '4', '--actions', '2', '--gamma', '0.95']);
    expect(a.stdout).toBe(b.stdout);
    const mdp = parseMdp(JSON.parse(a.stdout));
    expect(mdp.gamma).toBe(0.95);
    const c = await runCli(['generate', '--seed', '12', '--states', '4', '--actions', '2']);
    expect(c.stdout).not.toBe(a.stdout);
  });

  test('--json with --out says what was written; the file is the MDP', async () => {
    const out = join(dir, 'generated.json');
    const r = await runCli(['generate', '--seed', '3', '--states', '5', '--actions', '2', '--out', out, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ out, states: 5, actions: 2, gamma: 0.9, seed: 3 });
    expect(parseMdp(JSON.parse(readFileSync(out, 'utf8'))).numStates).toBe(5);
  });

  test('garnet rows have at most b successors', async () => {
    const r = await runCli(['generate', '--seed', '1', '--states', '8', '--actions', '2', '--garnet', '3']);
    const doc = JSON.parse(r.stdout);
    for (const perState of doc.transition)
      for (const row of perState) expect(row.filter((p: number) => p > 0).length).toBeLessThanOrEqual(3);
  });
});

describe('bad input: exit 2, one line naming the field, nothing written', () => {
  const bad = (name: string, doc: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof doc === 'string' ? doc : JSON.stringify(doc));
    return path;
  };
  const cases: [string, string[], RegExp][] = [
    ['unknown command', ['frobnicate'], /^mirror-check: command: unknown command "frobnicate"/],
    ['missing file argument', ['solve'], /^mirror-check: solve: missing MDP file/],
    ['unknown flag', ['solve', fixture('gridworld.json'), '--fast'], /^mirror-check: solve: Unknown option '--fast'/],
    ['missing file', ['solve', join(dir, 'nope.json')], /^mirror-check: mdp file: cannot read .*nope\.json \(ENOENT\)/],
    ['non-JSON file', ['solve', bad('x.json', 'not json')], /^mirror-check: mdp file: .*x\.json is not valid JSON/],
    [
      'bad gamma',
      [
        'evaluate',
        bad('gamma12.json', { format: 'mdp/v1', gamma: 1.2, initial: [1], reward: [[0]], transition: [[[1]]] }),
      ],
      /^mirror-check: gamma: 1\.2 must be in \[0, 1\)/,
    ],
    ['generate without --seed', ['generate', '--states', '3', '--actions', '2'], /^mirror-check: --seed: is required/],
    [
      'generate with a bad count',
      ['generate', '--seed', '1', '--states', 'many', '--actions', '2'],
      /^mirror-check: --states: "many" must be an integer/,
    ],
    [
      'generate with garnet > S',
      ['generate', '--seed', '1', '--states', '3', '--actions', '2', '--garnet', '4'],
      /^mirror-check: --garnet: "4" must be an integer in \[1, 3\]/,
    ],
    [
      'generate with gamma 1',
      ['generate', '--seed', '1', '--states', '3', '--actions', '2', '--gamma', '1'],
      /^mirror-check: --gamma: 1 must be in \[0, 1\)/,
    ],
  ];
  test.each(cases)('%s', async (_label, argv, message) => {
    const out = join(dir, `out-${_label.replace(/\W/g, '')}.json`);
    const r = await runCli(argv[0] === 'generate' ? [...argv, '--out', out] : argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });
});

describe('the compiled bin (what `npx mirror-check` runs)', () => {
  test('runs solve and reports bad input with exit 2', () => {
    const bin = join(root, 'bin', 'mirror-check.js');
    const ok = execFileSync(process.execPath, [bin, 'solve', fixture('gridworld.json'), '--json'], {
      encoding: 'utf8',
    });
    expect(JSON.parse(ok).etaStar).toBeCloseTo(-7.4447, 3);
    const bad = spawnSync(process.execPath, [bin, 'solve', join(dir, 'nope.json')], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).not.toMatch(/at .*\.js/);
    expect(readFileSync(join(root, 'package.json'), 'utf8')).toContain('"mirror-check": "bin/mirror-check.js"');
  });
});

describe('mirror-check replay', () => {
  test('--json: the status word of today’s verdict next to the recorded one; exit 1 while it reproduces', async () => {
    const file = join(root, 'fixtures', 'counterexamples', 'definition-1-0b9b804bfe.json');
    const r = await runCli(['replay', file, '--json']);
    const out = JSON.parse(r.stdout);
    const committed = JSON.parse(readFileSync(file, 'utf8'));
    expect(committed.expect).toBe('violated');
    expect(out.status).toBe('violated');
    expect(out.status).toBe(out.verdict.status);
    expect(out.recorded).toBe(committed.verdict.status);
    expect(r.code).toBe(1);
  });
});
