#!/usr/bin/env node
// `npm run bench`: every benchmark of mirror-check, as Markdown tables of medians. Benchmarks, never timed tests:
// these machines are shared and noisy, so compare ratios measured in one run. `npm run bench -- --quick` for a smoke run.
import { cliBench } from './cli.mjs';
import { engineBench } from './engine.mjs';
import { genericBench } from './generic.mjs';
import { updatesBench } from './updates.mjs';

const quick = process.argv.includes('--quick');
process.stdout.write(`# mirror-check benchmarks (node ${process.version}, ${new Date().toISOString()})\n`);
engineBench();
updatesBench({ quick });
genericBench({ quick });
cliBench({ quick });
