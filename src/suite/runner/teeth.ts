import type { ClaimRunResult } from './checkClaim.js';

/** The largest report accepted as "small" for a construction that is invalid at one state. */
export const SMALL_REPORT = { states: 2, actions: 5 };
/** The axiom claims: switched off when asking what each theorem claim catches by itself. */
export const AXIOM_CLAIMS = ['definition-1', 'definition-2', 'sampling'];
/** Each must catch some invalid construction or engine mutant by itself. */
export const THEOREM_CLAIMS = [
  'lemma-1',
  'lemma-2',
  'update-optimality',
  'theorem-1.1',
  'theorem-1.2',
  'theorem-1.4',
  'inequality-9',
];
/** Hold for any drift, so they can only catch engine mutants: each must catch one. */
export const ANY_DRIFT_CLAIMS = ['identity', 'estimator'];

const isMutant = (config: string) => config.includes('mutant:');
type Violated = Extract<ClaimRunResult, { status: 'violated' }>;
const isViolated = (r: ClaimRunResult): r is Violated => r.status === 'violated';
const sizeOf = (r: Violated) => `${r.report.size.states}×${r.report.size.actions}`;

/** How one invalid construction or mutant fared: the claims that caught it (with report sizes), and what is wrong. */
export interface ConstructionTeeth {
  readonly config: string;
  readonly caughtBy: readonly string[];
  readonly problem: string | null;
}

/** What a claim caught with the axioms switched off, and what is wrong (null: it has teeth of its own). */
export interface ClaimTeeth {
  readonly claim: string;
  readonly caught: readonly string[];
  readonly problem: string | null;
}

/**
 * Judges the teeth from every claim's results on the invalid constructions and engine mutants: each construction is
 * caught — some claim violated — with a small (≤ 2 × 5), confirmed report, and every report replays to the same
 * violation (where `replays` was recorded). Where the results cover every construction
 * (`complete`), also each claim's own teeth: every theorem claim catches a construction or mutant without the axioms,
 * each claim that holds for any drift catches a mutant, and every mutant is caught by a claim that is not an axiom.
 */
export function judgeTeeth(
  results: readonly (ClaimRunResult & { readonly replays?: boolean | null })[],
  complete: boolean,
): { constructions: ConstructionTeeth[]; claims: ClaimTeeth[] } {
  const configs = [...new Set(results.map((r) => r.config))];
  const constructions = configs.map((config) => {
    const all = results.filter((r) => r.config === config);
    const violated = all.filter(isViolated);
    const caughtBy = violated.map((r) => `${r.claim} (${sizeOf(r)})`);
    const smallest = violated
      .map((r) => r.report)
      .sort((a, b) => a.size.states * a.size.actions - b.size.states * b.size.actions)[0];
    let problem: string | null = null;
    if (!smallest) problem = `not caught: ${all.map((r) => `${r.claim} ${r.status}`).join(', ')}`;
    else if (smallest.size.states > SMALL_REPORT.states || smallest.size.actions > SMALL_REPORT.actions)
      problem = `smallest report ${smallest.size.states}×${smallest.size.actions} is over ${SMALL_REPORT.states}×${SMALL_REPORT.actions}`;
    else if (!smallest.confirmation.confirmed)
      problem = `smallest report not confirmed: ${smallest.confirmation.detail}`;
    else if (isMutant(config) && !violated.some((r) => !AXIOM_CLAIMS.includes(r.claim)))
      problem = 'caught by an axiom claim only (an engine mutant must be caught by a theorem or an identity)';
    return { config, caughtBy, problem };
  });
  if (!complete) return { constructions, claims: [] };
  const caughtWithoutAxioms = (claim: string) =>
    results
      .filter(isViolated)
      .filter((r) => r.claim === claim)
      .map((r) => `${r.config} (${sizeOf(r)})`);
  const claims = [
    ...THEOREM_CLAIMS.map((claim) => {
      const caught = caughtWithoutAxioms(claim);
      return { claim, caught, problem: caught.length ? null : `${claim} catches nothing without the axioms` };
    }),
    ...ANY_DRIFT_CLAIMS.map((claim) => {
      const caught = caughtWithoutAxioms(claim).filter(isMutant);
      return { claim, caught, problem: caught.length ? null : `${claim} catches no engine mutant` };
    }),
  ];
  return { constructions, claims };
}
