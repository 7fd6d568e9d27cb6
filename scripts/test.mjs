#!/usr/bin/env node
// `npm test`: typecheck, lint, then every test and property through vitest.
// Ends with the plain line `N passed, N failed` that CI reads (a failed typecheck or lint counts as one failure each).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
let passed = 0;
let failed = 0;

function step(label, cmd, args) {
  process.stdout.write(`\n== ${label}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status === 0) passed += 1;
  else failed += 1;
  return r.status === 0;
}

step('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
step('lint', bin('eslint'), ['.']);
step('format', bin('prettier'), ['--check', '.']);

const dir = mkdtempSync(join(tmpdir(), 'mirror-check-test-'));
const out = join(dir, 'vitest.json');
process.stdout.write('\n== tests: vitest run\n');
const extra = process.argv.slice(2);
const r = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...extra],
  {
    stdio: 'inherit',
  },
);
try {
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A suite that failed to load (syntax error, bad import) has no tests to count: count it as a failure.
  for (const suite of report.testResults ?? []) {
    if (suite.status === 'failed' && (suite.assertionResults ?? []).length === 0) failed += 1;
  }
  if (report.numTotalTests === 0) failed += 1;
} catch {
  failed += 1;
}
if (r.status !== 0 && failed === 0) failed += 1;
rmSync(dir, { recursive: true, force: true });

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
