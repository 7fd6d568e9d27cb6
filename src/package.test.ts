/**
 * The package as a user gets it: `npm pack` of the built dist/, installed into an empty project,
 * and the CLI run from there — no checkout, no dev dependencies, no tsx: `run`, `drift`, `reproduce`, `replay` and
 * `evaluate` all work there.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'mirror-check-pack-'));
const project = join(work, 'project');

/** npm itself: the one running `npm test` when there is one, else npm on PATH. */
function npm(args: string[], cwd: string): SpawnSyncReturns<string> {
  const cli = process.env.npm_execpath;
  const [cmd, argv] = cli && cli.endsWith('.js') ? [process.execPath, [cli, ...args]] : ['npm', args];
  return spawnSync(cmd, argv, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_fund: 'false' } });
}

const cli = (args: string[]) =>
  spawnSync(join(project, 'node_modules', '.bin', 'mirror-check'), args, { cwd: project, encoding: 'utf8' });

let tarball = '';
beforeAll(() => {
  // --ignore-scripts: pack the dist/ that `npm ci` built (the tests beside this one run it); rebuilding here would delete
  // it under their feet.
  const packed = npm(['pack', '--pack-destination', work, '--silent', '--ignore-scripts'], root);
  expect(packed.status, packed.stderr).toBe(0);
  tarball = join(work, packed.stdout.trim().split('\n').pop()!);
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'user-project', version: '1.0.0', type: 'module' }),
  );
  const installed = npm(['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], project);
  expect(installed.status, installed.stderr).toBe(0);
}, 300_000);

describe('the packed tarball, installed in an empty project', () => {
  test('ships LICENSE, no source maps pointing at unshipped sources, no tests or test helpers, and does not install tsx', () => {
    const pkg = join(project, 'node_modules', 'mirror-check');
    expect(existsSync(join(pkg, 'LICENSE'))).toBe(true);
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
        d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)],
      );
    const dist = files(join(pkg, 'dist'));
    expect(dist.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(dist.filter((f) => /\.(test|testkit)\./.test(f))).toEqual([]);
    expect(existsSync(join(project, 'node_modules', 'tsx'))).toBe(false);
    const meta = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8'));
    for (const key of ['repository', 'homepage', 'bugs', 'license']) expect(meta, key).toHaveProperty(key);
  });

  test('mirror-check --version', () => {
    const r = cli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });

  test('evaluate a shipped fixture', () => {
    const r = cli(['evaluate', 'node_modules/mirror-check/fixtures/tabular-game.json', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).v).toHaveLength(6);
  });

  test('drift --expr gates an expression', () => {
    const r = cli(['drift', '--expr', '(0.5 * sum(abs(piBar - pi)))^2', '--runs', '1', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).status).toBe('holds');
  }, 300_000);

  test('run: a shard of the main job, with a shipped regression replayed, from the installed package', () => {
    // Shard 52 of 1000 holds three registry checks and the replay of the first committed counterexample.
    const r = cli(['run', '--shard', '52/1000', '--json', '--out', 'run-out']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.status).toBe('holds');
    expect(summary.claims.length).toBeGreaterThan(0);
    expect(summary.regressions.replayed).toBe(1);
    expect(existsSync(join(project, 'run-out', 'summary.md'))).toBe(true);
  }, 300_000);

  test('reproduce: one environment of Figure 3 on the worker pool', () => {
    const r = cli(['reproduce', '--only', 'single-step-game', '--out', 'fig3', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).panels).toHaveLength(2);
    expect(existsSync(join(project, 'fig3', 'single-step-game-kl-ball.svg'))).toBe(true);
  }, 300_000);

  test('replay a shipped counterexample: still violated, exit 1', () => {
    const dir = join(project, 'node_modules', 'mirror-check', 'fixtures', 'counterexamples');
    const file = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .find((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).expect === 'violated')!;
    const r = cli(['replay', join(dir, file)]);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/VIOLATED/);
  });

  test('a .ts drift without tsx installed: one line saying what to install, exit 2', () => {
    writeFileSync(join(project, 'drift.ts'), 'export default { name: "z", value: (): number => 0 };\n');
    const r = cli(['drift', 'drift.ts']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^mirror-check: drift: drift\.ts is TypeScript, which needs tsx: npm install/);
  });
});
