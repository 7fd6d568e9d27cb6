/**
 * The GitHub Actions workflows in docs/workflows/ are ready to copy: valid YAML, every mirror-check step uses a real
 * command with flags it accepts, and the deep mode's matrix covers every shard of its --shard i/n exactly once.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { COMMAND_SPECS, type CommandName } from './commandSpecs.js';

interface Step {
  run?: string;
  uses?: string;
}
interface Workflow {
  jobs: Record<string, { steps: Step[]; strategy?: { matrix?: Record<string, unknown[]> } }>;
}

const load = (name: string) =>
  parse(readFileSync(new URL(`../../docs/workflows/${name}`, import.meta.url), 'utf8')) as Workflow;

/** The mirror-check invocations of a workflow's steps, as argument lists. */
function invocations(w: Workflow): string[][] {
  return Object.values(w.jobs)
    .flatMap((j) => j.steps)
    .flatMap((s) => (s.run ?? '').split('\n'))
    .map((line) =>
      line
        .trim()
        .replace(/\$\{\{\s*matrix\.(\w+)\s*\}\}/g, '<matrix.$1>')
        .split(/\s+/),
    )
    .filter((words) => words[0] === 'npx' && words[1] === 'mirror-check')
    .map((words) => words.slice(2));
}

function expectValidInvocation(args: string[]): void {
  const [command, ...rest] = args;
  expect(Object.keys(COMMAND_SPECS), command).toContain(command);
  const flags = COMMAND_SPECS[command as CommandName].flags as Record<string, { type: string }>;
  for (let i = 0; i < rest.length; i++) {
    if (!rest[i].startsWith('--')) continue;
    const name = rest[i].slice(2);
    expect(Object.keys(flags), `--${name} of ${command}`).toContain(name);
    if (flags[name].type === 'string') {
      expect(rest[i + 1], `--${name} takes a value`).toBeDefined();
      i += 1;
    }
  }
}

describe('docs/workflows', () => {
  test('drift-gate.yml runs the gate with flags it accepts', () => {
    const calls = invocations(load('drift-gate.yml'));
    expect(calls.map((c) => c[0])).toEqual(['drift']);
    calls.forEach(expectValidInvocation);
  });

  test('deep-mode.yml: a matrix over --shard i/n that covers every shard once, at --runs 100', () => {
    const w = load('deep-mode.yml');
    const job = Object.values(w.jobs)[0];
    const shards = job.strategy!.matrix!.shard as number[];
    const calls = invocations(w);
    expect(calls).toHaveLength(1);
    expectValidInvocation(calls[0]);
    expect(calls[0]).toContain('<matrix.shard>/4');
    const shardArg = calls[0][calls[0].indexOf('--shard') + 1];
    const n = Number(/\/(\d+)$/.exec(shardArg)![1]);
    expect([...shards].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(calls[0][calls[0].indexOf('--runs') + 1]).toBe('100');
  });

  test('docs/drifts.md points at the gate workflow', () => {
    const docs = readFileSync(new URL('../../docs/drifts.md', import.meta.url), 'utf8');
    expect(docs).toContain('docs/workflows/drift-gate.yml');
  });
});
