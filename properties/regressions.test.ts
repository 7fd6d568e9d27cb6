/**
 * Committed counterexamples (fixtures/counterexamples/*.json) replay to the status they record: `violated` for the
 * invalid constructions and the TRL finding (with the recorded margin's sign), `holds` for fixed engine bugs,
 * `undecided` for fixed false alarms. The suite's own replay job (`runSuiteJob`), as `mirror-check run` runs it; the
 * claim jobs also feed each report to fast-check as an `examples` entry of its claim and configuration.
 */
import { basename } from 'node:path';
import { expect, test } from 'vitest';
import { regressionFiles } from '../src/suite/runner/regressions.js';
import { replayAsCommitted, runSuiteJob, type ReplayResult } from '../src/suite/runner/suiteJob.js';

const files = regressionFiles();

test('there are committed counterexamples', () => expect(files.length).toBeGreaterThan(0));

test.each(files.map((f) => [basename(f), f] as const))('%s replays as committed', (_name, file) => {
  const r = runSuiteJob({ kind: 'replay', file }) as ReplayResult;
  expect(replayAsCommitted(r), JSON.stringify(r)).toBe(true);
});
