import { execFileSync } from 'node:child_process';

/** Builds dist/ once before the tests, so that the tests of the compiled CLI run what `npx mirror-check` runs. */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    stdio: 'inherit',
  });
}
