import { describe, expect, test } from 'vitest';
import type { Claim } from '../claims/claim.js';
import { CLAIMS } from '../claims/index.js';
import { INVALID_CONFIGS, VALID_CONFIGS } from '../configs/registry.js';
import { checkClaim } from './checkClaim.js';

/** Spins for `ms` milliseconds: a case generator on a loaded machine. */
function busy(ms: number): void {
  const t = Date.now();
  while (Date.now() - t < ms) {
    /* spin */
  }
}

/** The claim with a generator that takes `ms` per case. */
function slow(claim: Claim, ms: number): Claim {
  return {
    ...claim,
    arbitrary: (entry, options) =>
      claim.arbitrary(entry, options).map((c) => {
        busy(ms);
        return c;
      }),
  };
}

const definition1 = CLAIMS.find((c) => c.id === 'definition-1')!;

describe('checkClaim under a time limit', () => {
  test('a check whose cases generate slower than its limit still runs one case', () => {
    const r = checkClaim(slow(definition1, 3), VALID_CONFIGS[0], {
      numRuns: 5,
      seed: 1,
      reportDir: null,
      timeLimitMs: 1,
    });
    expect(r.status).toBe('holds');
    expect(r.runs).toBeGreaterThanOrEqual(1);
    expect(r.interrupted).toBe(true);
  });

  test('a violation on the first case is found even when the limit has long passed', () => {
    const tv = INVALID_CONFIGS.find((e) => e.label.startsWith('invalid:tv-unsquared'))!;
    const once = (seed: number) => checkClaim(definition1, tv, { numRuns: 1, seed, reportDir: null });
    const seed = [1, 2, 3, 4, 5, 6, 7, 8].find((s) => once(s).status === 'violated')!;
    expect(seed, 'some first case shows TV-not-squared breaks Definition 1').toBeDefined();
    const r = checkClaim(slow(definition1, 3), tv, { numRuns: 1, seed, reportDir: null, timeLimitMs: 1 });
    expect(r.status).toBe('violated');
    expect(r.report!.verdict.margin).toBe(once(seed).report!.verdict.margin);
  });

  test('without a limit every requested run is made', () => {
    const r = checkClaim(definition1, VALID_CONFIGS[0], { numRuns: 5, seed: 1, reportDir: null });
    expect(r.runs).toBe(5);
    expect(r.interrupted).toBe(false);
  });
});
