/**
 * Teeth: every deliberately invalid construction (src/suite/configs/teeth.ts, SPEC §6) and every engine mutant
 * (src/suite/configs/mutants.ts) is caught within the default budget — some claim is violated — with a small,
 * confirmed report that replays. And each claim has teeth of its own: with the axiom claims (Definitions 1–2, the
 * sampling claim) switched off, every theorem claim catches at least one construction or mutant by itself, and the
 * identities and estimators, which hold for any drift, catch engine mutants.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CLAIMS } from '../src/suite/claims/index.js';
import type { RegisteredConfig } from '../src/suite/configs/configSpec.js';
import { INVALID_CONFIGS, MUTANT_CONFIGS } from '../src/suite/configs/registry.js';
import { loadReport, replayReport } from '../src/suite/report/replay.js';
import { checkClaim, type ClaimRunResult } from '../src/suite/runner/checkClaim.js';
import { runs, SEED } from './budget.js';
import { regressionsFor } from './claimSuite.js';

/** The largest report we accept as "small" for a construction that is invalid at one state. */
const SMALL = { states: 2, actions: 5 };
const AXIOMS = ['definition-1', 'definition-2', 'sampling'];
const THEOREMS = [
  'lemma-1',
  'lemma-2',
  'update-optimality',
  'theorem-1.1',
  'theorem-1.2',
  'theorem-1.4',
  'inequality-9',
];
const ANY_DRIFT = ['identity', 'estimator'];
const reportDir = mkdtempSync(join(tmpdir(), 'mirror-check-teeth-'));

const results = new Map<string, ClaimRunResult[]>();
/** Every claim on one construction, run once and shared by the tests below. */
function resultsFor(entry: RegisteredConfig): ClaimRunResult[] {
  let hit = results.get(entry.label);
  if (!hit) {
    hit = CLAIMS.filter((c) => c.applies(entry)).map((claim) =>
      checkClaim(claim, entry, {
        numRuns: runs(claim.baseRuns),
        seed: SEED,
        examples: regressionsFor(claim, entry),
        reportDir,
      }),
    );
    results.set(entry.label, hit);
  }
  return hit;
}

const size = (r: ClaimRunResult) => `${r.report!.size.states}×${r.report!.size.actions}`;

describe.each([...INVALID_CONFIGS, ...MUTANT_CONFIGS].map((e) => [e.label, e] as const))('%s', (_label, entry) => {
  test('is caught with a small, confirmed counterexample that replays', () => {
    const all = resultsFor(entry);
    const violated = all.filter((r) => r.status === 'violated');
    expect(
      violated.map((r) => r.claim),
      all.map((r) => `${r.claim}: ${r.status}${r.error ? ` (${r.error})` : ''}`).join(', '),
    ).not.toEqual([]);
    const smallest = violated
      .map((r) => r.report!)
      .sort((a, b) => a.size.states * a.size.actions - b.size.states * b.size.actions)[0];
    expect(smallest.size.states).toBeLessThanOrEqual(SMALL.states);
    expect(smallest.size.actions).toBeLessThanOrEqual(SMALL.actions);
    expect(smallest.confirmation.confirmed, smallest.confirmation.detail).toBe(true);
    for (const r of violated) {
      const again = replayReport(loadReport(r.reportPath!));
      expect(again.status, `${r.reportPath} replays`).toBe('violated');
      expect(again.margin).toBe(r.report!.verdict.margin);
    }
    console.log(`[teeth] ${entry.label}: caught by ${violated.map((r) => `${r.claim} (${size(r)})`).join(', ')}`);
  });
});

describe('teeth per claim, with the axiom claims switched off', () => {
  const constructions = [...INVALID_CONFIGS, ...MUTANT_CONFIGS];
  /** claim id → the constructions it catches by itself (with its report's size). */
  const caughtBy = () => {
    const table = new Map<string, string[]>();
    for (const entry of constructions) {
      for (const r of resultsFor(entry)) {
        if (AXIOMS.includes(r.claim) || r.status !== 'violated') continue;
        table.set(r.claim, [...(table.get(r.claim) ?? []), `${entry.label} (${size(r)})`]);
      }
    }
    return table;
  };

  test.each(THEOREMS)('%s catches an invalid construction or an engine mutant by itself', (claim) => {
    const caught = caughtBy().get(claim) ?? [];
    console.log(`[teeth per claim] ${claim}: ${caught.join('; ') || 'nothing'}`);
    expect(caught, `${claim} catches nothing without the axioms`).not.toEqual([]);
  });

  test.each(ANY_DRIFT)('%s, which holds for any drift, catches an engine mutant', (claim) => {
    const caught = (caughtBy().get(claim) ?? []).filter((c) => c.includes('mutant:'));
    console.log(`[teeth per claim] ${claim}: ${caught.join('; ') || 'nothing'}`);
    expect(caught).not.toEqual([]);
  });

  test('every engine mutant is caught by a claim that is not an axiom', () => {
    for (const entry of MUTANT_CONFIGS) {
      const caught = resultsFor(entry).filter((r) => !AXIOMS.includes(r.claim) && r.status === 'violated');
      expect(caught.length, entry.label).toBeGreaterThan(0);
    }
  });
});
