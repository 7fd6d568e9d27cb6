import { describe, expect, test } from 'vitest';
import type { CounterexampleReport } from '../report/counterexampleReport.js';
import { claimRunResult } from '../runner/claimRunResult.testkit.js';
import type { ClaimRunResult } from '../runner/checkClaim.js';
import { CLAIMS } from '../claims/index.js';
import { gateResults } from './driftGate.js';

const lemma2 = CLAIMS.find((c) => c.id === 'lemma-2')!;
const theorem = CLAIMS.find((c) => c.id === 'theorem-1.1')!;

function violated(claim: string, config: string, confirmed: boolean): ClaimRunResult {
  const report = { confirmation: { method: 'exact-evaluation', confirmed, detail: '' } } as CounterexampleReport;
  return claimRunResult(claim, config, { status: 'violated', report });
}

describe('gateResults: the gate ends a claim’s column at its first confirmed counterexample, in gate order', () => {
  const pairs = [lemma2, theorem, lemma2, theorem, lemma2, theorem].map((claim) => ({ claim }));

  test('later pairs of an ended column are left out whether or not a thread ran them', () => {
    const ran = [
      claimRunResult('lemma-2', 'c0'),
      violated('theorem-1.1', 'c0', true),
      claimRunResult('lemma-2', 'c1'),
      violated('theorem-1.1', 'c1', true), // a second thread ran it before it heard of c0's
      claimRunResult('lemma-2', 'c2'),
      null, // not run: the column had ended
    ];
    const { results, ended } = gateResults(pairs, ran);
    expect(results.map((r) => `${r.claim}@${r.config}`)).toEqual([
      'lemma-2@c0',
      'theorem-1.1@c0',
      'lemma-2@c1',
      'lemma-2@c2',
    ]);
    expect(ended).toBe(2);
    // The same results when the second thread had already skipped the pair: the report does not depend on timing.
    expect(gateResults(pairs, [...ran.slice(0, 3), null, ran[4], null]).results).toEqual(results);
  });

  test('an unconfirmed counterexample does not end its column (more cases are wanted)', () => {
    const ran = [
      claimRunResult('lemma-2', 'c0'),
      violated('theorem-1.1', 'c0', false),
      claimRunResult('lemma-2', 'c1'),
      claimRunResult('theorem-1.1', 'c1'),
      claimRunResult('lemma-2', 'c2'),
      claimRunResult('theorem-1.1', 'c2'),
    ];
    expect(gateResults(pairs, ran).results).toHaveLength(6);
    expect(gateResults(pairs, ran).ended).toBe(0);
  });

  test('a pair missing without an earlier counterexample is an error, never a silent pass', () => {
    const ran = [claimRunResult('lemma-2', 'c0'), null, null, null, null, null];
    expect(() => gateResults(pairs, ran)).toThrow(/was not run/);
  });

  test('pairs the time cap cut short are named with the cases they did not reach', () => {
    const ran = pairs.map(({ claim }, i) =>
      claimRunResult(claim.id, `c${i >> 1}`, i === 3 ? { runs: 1, planned: 4, interrupted: true } : {}),
    );
    expect(gateResults(pairs, ran).notReached).toEqual([{ claim: 'theorem-1.1', config: 'c1', cases: 3 }]);
  });
});
