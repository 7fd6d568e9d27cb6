import type { Fraction } from 'mathjs';
import { exactFraction as f, fractionToNumber } from '../numeric/exactFraction.js';
import type { Policy } from '../policy/policy.js';
import { mirrorOperator } from '../mirror/mirrorOperator.js';
import type { Step } from './step.js';
import { compareEqual, outside, type Verdict } from './verdict.js';

/**
 * Unbiasedness of the sample estimator of the mirror objective (Kuba et al. 2022, Eq. 6), by exact enumeration:
 *   E_{s∼β, a∼π_old}[ (π̄(a|s)/π_old(a|s))·Q_old(s,a) − (ν(s)/β(s))·D_{π_old}(π̄|s) ] = E_{s∼β}[ [M^π̄_D V_old](s) ].
 * Every sample's probability β(s)·π_old(a|s) and value are rational in the doubles given (Q_old, D, ν, β taken as
 * computed), so both sides are summed exactly (mathjs Fraction) and must be equal. Needs supp π̄ ⊆ supp π_old at every
 * state (importance sampling cannot see actions π_old never takes): otherwise `outside`, with the bias in the reason.
 * Rows of π_old, π̄ and β are normalised exactly first: a double row sums to 1 only up to rounding, and the claim is
 * about the distributions the doubles represent.
 */
export function checkEstimatorUnbiased(step: Step, piBar: Policy): Verdict {
  const { mdp, config, piOld, evOld, beta } = step;
  const { numStates: S, numActions: A } = mdp;
  const name = 'E_{s∼β,a∼π_old}[(π̄/π_old)Q − (ν/β)D] = E_{s∼β}[M^π̄ V_old]   (Eq. 6)';
  const m = mirrorOperator(mdp, config, piOld, evOld, beta, piBar);
  if (m.zeroBeta.length) return outside(name, `beta(${m.zeroBeta[0]}) = 0`);
  let estimator = f(0);
  let objective = f(0);
  let uncovered = '';
  const betaF = normalised(beta);
  for (let s = 0; s < S; s++) {
    const b = betaF[s];
    const rowOld = normalised(piOld.subarray(s * A, (s + 1) * A));
    const rowBar = normalised(piBar.subarray(s * A, (s + 1) * A));
    const c = m.ratio[s] === 0 ? f(0) : f(m.ratio[s]);
    const d = m.ratio[s] === 0 ? 0 : m.driftPerState[s];
    if (!Number.isFinite(d)) return outside(name, `D is infinite at state ${s}`, { state: s });
    const penalty = c.mul(f(d));
    let inner = f(0);
    for (let a = 0; a < A; a++) {
      const q = f(evOld.q[s * A + a]);
      const pb = piBar[s * A + a];
      inner = inner.add(rowBar[a].mul(q));
      const po = piOld[s * A + a];
      if (po === 0) {
        if (pb > 0 && !uncovered) uncovered = `π̄(${a}|${s}) > 0 = π_old(${a}|${s})`;
        continue;
      }
      const sample = rowBar[a].div(rowOld[a]).mul(q).sub(penalty);
      estimator = estimator.add(b.mul(rowOld[a]).mul(sample));
    }
    objective = objective.add(b.mul(inner.sub(penalty)));
  }
  if (uncovered) {
    return outside(
      name,
      `${uncovered}: the estimator's mean misses E_π̄[Q] there (bias ${fractionToNumber(estimator.sub(objective))})`,
    );
  }
  return exactVerdict(name, estimator, objective);
}

/**
 * Unbiasedness of the off-policy estimator (Kuba et al. 2022, Appendix E), by exact enumeration at every state: with
 * a past policy π_hist ∼ h drawn from the buffer and a ∼ π_hist,
 *   E_{π_hist∼h, a∼π_hist}[ (π̄(a|s)/π_hist(a|s))·Q_old(s,a) ] = E_{a∼π̄}[Q_old(s,a)].
 * Needs supp π̄ ⊆ supp π_hist for every past policy with h > 0.
 */
export function checkOffPolicyEstimatorUnbiased(
  q: Float64Array,
  A: number,
  piBar: Policy,
  history: readonly Policy[],
  h: Float64Array,
): Verdict {
  const name = 'E_{π_hist∼h, a∼π_hist}[(π̄/π_hist)Q] = E_{a∼π̄}[Q]   (Appendix E)';
  const S = q.length / A;
  const hF = normalised(h);
  let worst: Verdict | null = null;
  for (let s = 0; s < S; s++) {
    let estimator = f(0);
    let target = f(0);
    const rowBar = normalised(piBar.subarray(s * A, (s + 1) * A));
    for (let a = 0; a < A; a++) target = target.add(rowBar[a].mul(f(q[s * A + a])));
    for (let i = 0; i < history.length; i++) {
      if (h[i] === 0) continue;
      for (let a = 0; a < A; a++) {
        const ph = history[i][s * A + a];
        const pb = piBar[s * A + a];
        if (ph === 0) {
          if (pb > 0) return outside(name, `π̄(${a}|${s}) > 0 = π_hist_${i}(${a}|${s})`, { state: s, action: a });
          continue;
        }
        const rowHist = normalised(history[i].subarray(s * A, (s + 1) * A));
        estimator = estimator.add(hF[i].mul(rowHist[a]).mul(rowBar[a].div(rowHist[a]).mul(f(q[s * A + a]))));
      }
    }
    const v = exactVerdict(name, estimator, target, { state: s });
    if (!worst || v.status === 'violated') worst = v;
    if (v.status === 'violated') break;
  }
  return { ...worst!, checked: S };
}

function exactVerdict(name: string, lhs: Fraction, rhs: Fraction, where: Record<string, number> = {}): Verdict {
  const v = compareEqual(name, fractionToNumber(lhs), 0, fractionToNumber(rhs), 0, where);
  return lhs.equals(rhs)
    ? { ...v, status: 'holds', error: 0, reason: 'equal in exact rational arithmetic' }
    : { ...v, status: 'violated', error: 0, reason: 'differs in exact rational arithmetic' };
}

/** The exact distribution a row of doubles represents: each entry over the row's exact sum. */
function normalised(row: ArrayLike<number>): Fraction[] {
  const xs = Array.from(row, (x) => f(x));
  const total = xs.reduce((acc, x) => acc.add(x), f(0));
  return xs.map((x) => x.div(total));
}
