/**
 * Committed counterexamples (fixtures/counterexamples/*.json) replay to the status they record: `violated` for the
 * invalid constructions and the TRL finding, `holds` for fixed engine bugs. (The property files also feed them to
 * fast-check as `examples`.)
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { loadReport, replayReport } from '../src/suite/report/replay.js';

const dir = join('fixtures', 'counterexamples');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

test('there are committed counterexamples', () => expect(files.length).toBeGreaterThan(0));

test.each(files)('%s replays', (file) => {
  const loaded = loadReport(join(dir, file));
  const verdict = replayReport(loaded);
  expect(verdict.status).toBe(loaded.report.expect);
  // The margin may move with engine changes at rounding level (e.g. renormalised rows); its sign may not.
  if (loaded.report.expect === 'violated')
    expect(Math.sign(verdict.margin)).toBe(Math.sign(loaded.report.verdict.margin));
});
