import { execFileSync } from 'node:child_process';
import { RUNS_MULTIPLIER, SEED } from './properties/budget.js';

/**
 * Before the tests: builds dist/ once, so that the tests of the compiled CLI run what `npx mirror-check` runs, and
 * prints the seed and run multiplier so that any failure can be replayed (MIRROR_CHECK_SEED, MIRROR_CHECK_RUNS).
 */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
  process.stdout.write(`mirror-check properties: MIRROR_CHECK_SEED=${SEED} MIRROR_CHECK_RUNS=${RUNS_MULTIPLIER}\n`);
}
