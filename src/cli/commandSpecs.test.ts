import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { COMMAND_SPECS, commandHelp, type CommandName, type FlagSpec } from './commandSpecs.js';
import { runCli } from './runCli.testkit.js';

const commands = Object.keys(COMMAND_SPECS) as CommandName[];
const docs = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8');

/** docs/cli.md's section of a command: from its `## name` heading to the next one. */
function section(command: string): string {
  const start = docs.indexOf(`\n## ${command}\n`);
  if (start < 0) return '';
  const next = docs.indexOf('\n## ', start + 1);
  return docs.slice(start, next < 0 ? undefined : next);
}

describe('per-command help', () => {
  test.each(commands)('%s --help lists every flag with its default, on stdout, exit 0', async (command) => {
    const r = await runCli([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(commandHelp(command));
    for (const [name, f] of Object.entries(COMMAND_SPECS[command].flags as Record<string, FlagSpec>)) {
      const line = r.stdout.split('\n').find((l) => l.trimStart().startsWith(`--${name}`));
      expect(line, `--${name}`).toBeDefined();
      expect(line).toContain(f.meaning);
      if (f.default) expect(line).toContain(`(default: ${f.default})`);
    }
  });

  test.each(commands)('%s: every flag is in the usage line and in docs/cli.md', (command) => {
    const spec = COMMAND_SPECS[command];
    for (const name of Object.keys(spec.flags)) {
      expect(spec.usage, `--${name} in the usage`).toContain(`--${name}`);
      expect(section(command), `--${name} in docs/cli.md ## ${command}`).toContain(`--${name}`);
    }
  });

  test('mirror-check help <command> prints the same help', async () => {
    const r = await runCli(['help', 'drift']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(commandHelp('drift'));
  });
});

describe('top-level', () => {
  test('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${pkg.version}\n`);
  });

  test('bare mirror-check is a usage error: help on stderr, exit 2', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Commands:/);
  });

  test('--help is help on request: stdout, exit 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const command of commands) expect(r.stdout).toContain(COMMAND_SPECS[command].usage);
  });

  test('an unknown flag is one line on stderr naming it, exit 2', async () => {
    const r = await runCli(['solve', 'x.json', '--nope']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--nope/);
  });
});
