#!/usr/bin/env node
// Regenerates the committed MDP fixtures from the environments' code (run `npm run fixtures`).
// A test (src/mdp/fixtures.test.ts) fails if a committed fixture differs from what this script writes.
import { writeFileSync } from 'node:fs';
import { FIXTURE_BUILDERS, mdpToJsonText } from '../dist/index.js';

for (const [file, build] of Object.entries(FIXTURE_BUILDERS)) {
  writeFileSync(new URL(`../fixtures/${file}`, import.meta.url), mdpToJsonText(build()));
  process.stdout.write(`fixtures/${file}\n`);
}
