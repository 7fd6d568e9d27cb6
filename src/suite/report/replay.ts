import { readFileSync } from 'node:fs';
import { InputError } from '../../errors.js';
import type { Drift } from '../../mirror/drifts/drift.js';
import { parseMdp } from '../../mdp/parseMdp.js';
import { claimById } from '../claims/index.js';
import type { Claim, ClaimCase } from '../claims/claim.js';
import { resolveConfig, type RegisteredConfig } from '../configs/configSpec.js';
import type { Verdict } from '../../verify/verdict.js';
import { REPORT_FORMAT, reportNumber, type CounterexampleReport } from './counterexampleReport.js';

/** A report read back: its claim, configuration and case, rebuilt bit for bit. */
export interface LoadedReport {
  readonly report: CounterexampleReport;
  readonly claim: Claim;
  readonly entry: RegisteredConfig;
  readonly case: ClaimCase;
}

/** Reads a report's JSON (from a file or an object), naming the field that is wrong. */
export function loadReport(source: string | unknown, extraDrifts: Readonly<Record<string, Drift>> = {}): LoadedReport {
  let json: unknown = source;
  if (typeof source === 'string') {
    let text: string;
    try {
      text = readFileSync(source, 'utf8');
    } catch (e) {
      throw new InputError(
        'report',
        `cannot read ${source} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      );
    }
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new InputError('report', `${source} is not JSON (${(e as Error).message})`);
    }
  }
  const raw = json as CounterexampleReport;
  const r: CounterexampleReport =
    raw && typeof raw === 'object' && raw.verdict
      ? {
          ...raw,
          verdict: {
            ...raw.verdict,
            lhs: reportNumber(raw.verdict.lhs),
            rhs: reportNumber(raw.verdict.rhs),
            margin: reportNumber(raw.verdict.margin),
            error: reportNumber(raw.verdict.error),
          },
        }
      : raw;
  if (typeof r !== 'object' || r === null || r.format !== REPORT_FORMAT) {
    throw new InputError(
      'report.format',
      `expected ${JSON.stringify(REPORT_FORMAT)}, got ${JSON.stringify((r as { format?: unknown })?.format)}`,
    );
  }
  const claim = claimById(r.claim?.id);
  if (!claim) throw new InputError('report.claim.id', `unknown claim ${JSON.stringify(r.claim?.id)}`);
  const entry = resolveConfig(r.config?.spec ?? {}, extraDrifts);
  const mdp = parseMdp(r.mdp);
  const { numStates: S, numActions: A } = mdp;
  const policies = claim.policyNames.map((name) => {
    const rows = r.policies?.[name];
    if (!Array.isArray(rows) || rows.length !== S || rows.some((row) => !Array.isArray(row) || row.length !== A)) {
      throw new InputError(`report.policies.${name}`, `must be an array of ${S} rows of ${A} numbers`);
    }
    const flat = rows.flat();
    flat.forEach((x, i) => {
      if (typeof x !== 'number' || !(x >= 0 && x <= 1)) {
        throw new InputError(
          `report.policies.${name}[${Math.floor(i / A)}][${i % A}]`,
          `${JSON.stringify(x)} is not a probability`,
        );
      }
    });
    return Float64Array.from(flat);
  });
  const numbers = claim.numberNames.map((name) => {
    const x = r.numbers?.[name] ?? claim.numberDefaults?.[name];
    if (typeof x !== 'number' || !Number.isFinite(x))
      throw new InputError(`report.numbers.${name}`, `${JSON.stringify(x)} is not a number`);
    return x;
  });
  return { report: r, claim, entry, case: { mdp, policies, numbers } };
}

/** Re-runs a report's check on its case: the verdict it gives now. */
export function replayReport(loaded: LoadedReport): Verdict {
  return loaded.claim.check(loaded.entry, loaded.case);
}
