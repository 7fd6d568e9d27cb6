#!/usr/bin/env node
// `npm run bench`: every benchmark of mirror-check, as Markdown tables of medians. Benchmarks, never timed tests:
// these machines are shared and noisy, so compare ratios measured in one run.
import { engineBench } from './engine.mjs';

process.stdout.write(`# mirror-check benchmarks (node ${process.version}, ${new Date().toISOString()})\n`);
engineBench();
