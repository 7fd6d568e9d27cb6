#!/usr/bin/env node
// Thin launcher: the CLI ships compiled in dist/ (built by `npm run build`, which `npm ci` runs through `prepare`).
import { main } from '../dist/cli/main.js';

// A closed pipe (`mirror-check solve x.json | head`) is not an error of ours: stop quietly.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = await main(process.argv.slice(2));
