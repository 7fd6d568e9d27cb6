import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { VALID_CONFIGS } from '../configs/registry.js';
import { lemma1Claim } from './lemma1.js';

describe('Lemma 1 pairs', () => {
  // A pair with one state where its move loses used to be outside the lemma as a whole (half the cases at S ≤ 12):
  // such rows are put back to π_old, so Condition 4 holds everywhere and every other moved state is still checked.
  test.each(['kl | trivial | β=visitation | ν=sampling', 'l2 | kl-ball:0.05 | β=uniform | ν=sampling'])(
    '%s: Condition 4 holds at every state of every drawn pair',
    (label) => {
      const entry = VALID_CONFIGS.find((e) => e.label === label)!;
      expect(entry, label).toBeDefined();
      const cases = fc.sample(lemma1Claim.arbitrary(entry, {}), { numRuns: 40, seed: 7 });
      const outcomes = cases.map((c) => lemma1Claim.evaluate(entry, c));
      expect(outcomes.filter((o) => o.verdict.status === 'outside').map((o) => o.verdict.reason)).toEqual([]);
      expect(outcomes.filter((o) => o.meaningful).length).toBeGreaterThanOrEqual(24);
    },
  );
});
