import { createHash } from 'node:crypto';
import { mdpToJson, type MdpJson } from '../../mdp/mdpToJson.js';
import { toRows } from '../../policy/policy.js';
import type { Claim, ClaimCase, Confirmation } from '../claims/claim.js';
import type { ConfigSpec, RegisteredConfig } from '../configs/configSpec.js';
import type { Verdict } from '../../verify/verdict.js';

export const REPORT_FORMAT = 'mirror-check/counterexample/v1';

/** A counterexample report (docs/verification.md, "Counterexample reports"; docs/drifts.md, "4. Read a report"): everything needed to read, confirm and replay one violation. */
export interface CounterexampleReport {
  readonly format: typeof REPORT_FORMAT;
  /** `<claim>-<hash of claim, config and case>`. */
  readonly id: string;
  readonly claim: { readonly id: string; readonly title: string; readonly reference: string };
  readonly config: { readonly label: string; readonly spec: ConfigSpec };
  /** The shrunk MDP as an `mdp/v1` document. */
  readonly mdp: MdpJson;
  /** The case's policies by name, each `[S][A]`. */
  readonly policies: Readonly<Record<string, number[][]>>;
  readonly numbers: Readonly<Record<string, number>>;
  /** The violated inequality: both sides, the margin and its certified error, where. */
  readonly verdict: Verdict;
  readonly confirmation: {
    readonly method: Confirmation;
    /** True when the re-check confirmed the violation. */
    readonly confirmed: boolean;
    readonly detail: string;
  };
  readonly size: { readonly states: number; readonly actions: number };
  /** fast-check's seed and shrink path, and how many runs found it. */
  readonly seed: number;
  readonly path: string | null;
  readonly runs: number;
  /**
   * The status `replay` must reproduce: 'holds' for a committed regression of a fixed engine bug, 'undecided' for a
   * fixed false alarm whose deficit now lies within the certified error.
   */
  readonly expect: 'violated' | 'holds' | 'undecided';
  /** One command that replays it. */
  readonly replay: string;
}

/** The case as JSON (policies by the claim's names). */
export function caseJson(claim: Claim, c: ClaimCase) {
  const A = c.mdp.numActions;
  const policies: Record<string, number[][]> = {};
  c.policies.forEach((p, i) => (policies[claim.policyNames[i] ?? `policy${i}`] = toRows(p, A)));
  const numbers: Record<string, number> = {};
  c.numbers.forEach((x, i) => (numbers[claim.numberNames[i] ?? `number${i}`] = x));
  return { mdp: mdpToJson(c.mdp), policies, numbers };
}

/** A stable id: the claim and a hash of the configuration and the case. */
export function reportId(claim: Claim, entry: RegisteredConfig, c: ClaimCase): string {
  const hash = createHash('sha256')
    .update(JSON.stringify({ claim: claim.id, config: entry.spec, ...caseJson(claim, c) }))
    .digest('hex')
    .slice(0, 10);
  return `${claim.id}-${hash}`;
}

/** Builds the report of a violation (no I/O). */
export function buildReport(
  claim: Claim,
  entry: RegisteredConfig,
  c: ClaimCase,
  verdict: Verdict,
  confirmation: CounterexampleReport['confirmation'],
  run: { seed: number; path: string | null; runs: number },
  reportPath: string,
): CounterexampleReport {
  const { mdp, policies, numbers } = caseJson(claim, c);
  return {
    format: REPORT_FORMAT,
    id: reportId(claim, entry, c),
    claim: { id: claim.id, title: claim.title, reference: claim.reference },
    config: { label: entry.label, spec: entry.spec },
    mdp,
    policies,
    numbers,
    verdict,
    confirmation,
    size: { states: c.mdp.numStates, actions: c.mdp.numActions },
    seed: run.seed,
    path: run.path,
    runs: run.runs,
    expect: 'violated',
    replay: `npx mirror-check replay ${reportPath}`,
  };
}

/** JSON text of a report; ±∞ and NaN (legitimate margins, e.g. a ball that contains nothing) are written as strings. */
export function reportJsonText(report: CounterexampleReport): string {
  return (
    JSON.stringify(
      report,
      (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value),
      2,
    ) + '\n'
  );
}

/** Reads back a number written by `reportJsonText`. */
export function reportNumber(x: unknown): number {
  return typeof x === 'string' && ['Infinity', '-Infinity', 'NaN'].includes(x) ? Number(x) : (x as number);
}
