import { UNIT_ROUNDOFF } from '../numeric/rounding.js';

/**
 * The outcome of checking one claim (docs/verification.md, "Verdicts"):
 * - `holds`: the inequality holds on the computed numbers (L − R ≥ 0; for an identity |L − R| ≤ the certified error);
 * - `violated`: it fails by more than the certified error: L − R < −(err_L + err_R);
 * - `undecided`: in between, or a certificate needed to decide is missing;
 * - `outside`: the claim's hypotheses do not hold for this case (e.g. Condition 4 is false, so Lemma 1 says nothing;
 *   β(s) = 0; an interior-only drift at a boundary policy), so there is nothing to check.
 */
export type VerdictStatus = 'holds' | 'violated' | 'undecided' | 'outside';

/** One checked inequality L ≥ R (or identity L = R), both sides, the margin L − R and the certified error on it. */
export interface Verdict {
  readonly status: VerdictStatus;
  /** The inequality in words, e.g. `V_new(s) ≥ V_old(s)`. */
  readonly inequality: string;
  readonly lhs: number;
  readonly rhs: number;
  /** L − R. */
  readonly margin: number;
  /** Certified bound on the error of the margin (err_L + err_R + the rounding of the subtraction). */
  readonly error: number;
  /** Where it was checked: state, iteration, action, direction index … */
  readonly where: Readonly<Record<string, number | string>>;
  /** Why the verdict is `outside` or `undecided`, or a note on a `holds`. */
  readonly reason?: string;
  /** How many inequalities were checked to reach this verdict. */
  readonly checked: number;
}

const RANK: Record<VerdictStatus, number> = { violated: 3, undecided: 2, holds: 1, outside: 0 };

/** L − R and its certified error: err_L + err_R + the rounding of the subtraction. */
function marginOf(lhs: number, lhsError: number, rhs: number, rhsError: number): { margin: number; error: number } {
  return { margin: lhs - rhs, error: lhsError + rhsError + UNIT_ROUNDOFF * (Math.abs(lhs) + Math.abs(rhs)) };
}

/**
 * Why a comparison cannot be decided whatever its margin: a side is NaN, or the certified error is unknown (∞ or NaN).
 * An unknown error is never a pass (docs/verification.md, "Verdicts"): such a comparison is `undecided`, with this reason.
 */
function unknownError(margin: number, error: number): string | null {
  if (Number.isNaN(margin)) return 'a side of the comparison is NaN';
  if (!Number.isFinite(error)) return `the certified error is unknown (${error})`;
  return null;
}

/** Certified comparison L ≥ R with errors errL, errR on the two sides (docs/verification.md, "Verdicts"). */
export function compareAtLeast(
  inequality: string,
  lhs: number,
  lhsError: number,
  rhs: number,
  rhsError: number,
  where: Record<string, number | string> = {},
): Verdict {
  const { margin, error } = marginOf(lhs, lhsError, rhs, rhsError);
  const unknown = unknownError(margin, error);
  if (unknown) return { status: 'undecided', inequality, lhs, rhs, margin, error, where, reason: unknown, checked: 1 };
  const status: VerdictStatus = margin >= 0 ? 'holds' : margin < -error ? 'violated' : 'undecided';
  return { status, inequality, lhs, rhs, margin, error, where, checked: 1 };
}

/** Certified identity L = R: holds when |L − R| ≤ err, violated otherwise (undecided when the error is unknown). */
export function compareEqual(
  inequality: string,
  lhs: number,
  lhsError: number,
  rhs: number,
  rhsError: number,
  where: Record<string, number | string> = {},
): Verdict {
  const { margin, error } = marginOf(lhs, lhsError, rhs, rhsError);
  const unknown = unknownError(margin, error);
  if (unknown) return { status: 'undecided', inequality, lhs, rhs, margin, error, where, reason: unknown, checked: 1 };
  const status: VerdictStatus = Math.abs(margin) <= error ? 'holds' : 'violated';
  return { status, inequality, lhs, rhs, margin, error, where, checked: 1 };
}

/** A verdict that checks nothing because a hypothesis fails. */
export function outside(inequality: string, reason: string, where: Record<string, number | string> = {}): Verdict {
  return { status: 'outside', inequality, lhs: NaN, rhs: NaN, margin: NaN, error: NaN, where, reason, checked: 0 };
}

/** How bad a verdict is, for picking the worst of several: violated ≻ undecided ≻ holds ≻ outside. */
function badness(v: Verdict): [number, number] {
  // Within a status, the one with the smallest margin relative to its error is the most telling.
  const relative = v.error > 0 ? v.margin / v.error : v.margin;
  return [RANK[v.status], Number.isNaN(relative) ? 0 : -relative];
}

/**
 * A verdict as it may be reported: a `holds` whose certified error is unknown (∞, NaN) is `undecided` — whoever built
 * it, an unknown error is never a pass.
 */
export function sound(v: Verdict): Verdict {
  if (v.status !== 'holds' || Number.isFinite(v.error)) return v;
  return withReason({ ...v, status: 'undecided' }, `the certified error is unknown (${v.error})`);
}

/**
 * The worst of several verdicts of one claim (the one a report should show), with the total number checked.
 * `outside` wins only when every part is outside; every part is made `sound` first.
 */
export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.length === 0) throw new RangeError('worstVerdict: no verdicts');
  let worst = sound(verdicts[0]);
  let checked = 0;
  for (const part of verdicts) {
    const v = sound(part);
    checked += v.checked;
    const [r, m] = badness(v);
    const [rw, mw] = badness(worst);
    if (r > rw || (r === rw && m > mw)) worst = v;
  }
  return { ...worst, checked };
}

/** Adds a reason to a verdict (keeps an existing one first). */
export function withReason(v: Verdict, reason: string): Verdict {
  return { ...v, reason: v.reason ? `${v.reason}; ${reason}` : reason };
}
