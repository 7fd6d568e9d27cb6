import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseMdp } from '../../mdp/parseMdp.js';
import type { Claim } from '../claims/claim.js';
import { lemma2Claim } from '../claims/lemma2.js';
import { resolveConfig } from '../configs/configSpec.js';
import { checkClaim } from './checkClaim.js';
import { healthProblem, runsFor } from './health.js';

/** One-action MDPs only: nothing to decide, so no case of a claim about improvement can fail. */
const oneAction = parseMdp({
  format: 'mdp/v1',
  name: 'no-decision',
  gamma: 0.9,
  initial: [0.5, 0.5],
  reward: [[1], [0]],
  transition: [[[0.5, 0.5]], [[0, 1]]],
});

/** The claim with a generator starved of meaningful cases. */
function starved(claim: Claim): Claim {
  return {
    ...claim,
    arbitrary: () => fc.constant({ mdp: oneAction, policies: [Float64Array.from([1, 1])], numbers: [0] }),
  };
}

describe('the health check', () => {
  const entry = resolveConfig({ drift: 'kl' });

  test('fails a property whose cases cannot fail, though every verdict holds', () => {
    const claim = starved(lemma2Claim);
    const r = checkClaim(claim, entry, { numRuns: runsFor(claim, entry), seed: 1, reportDir: null });
    expect(r.status).toBe('holds');
    expect(r.meaningful).toBe(0);
    expect(healthProblem(claim, entry, r)).toMatch(/only 0 of \d+ cases were meaningful/);
  });

  test('passes the same claim on its own generator', () => {
    const r = checkClaim(lemma2Claim, entry, { numRuns: runsFor(lemma2Claim, entry), seed: 1, reportDir: null });
    expect(r.meaningful).toBeGreaterThanOrEqual(lemma2Claim.minMeaningful);
    expect(healthProblem(lemma2Claim, entry, r)).toBeNull();
  });
});
