import type { Fraction } from 'mathjs';
import { exactFraction as f, fractionToNumber } from '../numeric/exactFraction.js';
import type { Policy } from '../policy/policy.js';
import { mirrorOperator } from '../mirror/mirrorOperator.js';
import type { Step } from './step.js';
import { roundingAllowance } from '../numeric/rounding.js';
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
 * The engine's own value of its update's objective, J(π_new) as the solver reports it (`UpdateResult.objective`),
 * against the exact mean of Eq. (6)'s estimator at π_new (by exact enumeration, as `checkEstimatorUnbiased`): equal up
 * to the rounding of the solver's floating-point sum. A solver that reports the objective of a policy other than the
 * one it returns, or of another drift or weighting than the configuration's, fails here.
 */
export function checkUpdateObjective(step: Step): Verdict {
  const { mdp, config, piOld, evOld, beta, piNew, update } = step;
  const { numStates: S, numActions: A } = mdp;
  const name = 'J(π_new) reported by the update = E_{s∼β,a∼π_old}[(π_new/π_old)Q − (ν/β)D] at π_new   (Eq. 5–6)';
  if (!update) return outside(name, 'π_new was not computed by the update');
  const m = mirrorOperator(mdp, config, piOld, evOld, beta, piNew);
  let exact = f(0);
  let magnitude = 0;
  for (let s = 0; s < S; s++) {
    if (!(beta[s] > 0)) continue;
    const d = m.ratio[s] === 0 ? 0 : m.driftPerState[s];
    if (!Number.isFinite(d)) return outside(name, `D is infinite at state ${s}`, { state: s });
    let inner = f(0);
    for (let a = 0; a < A; a++) {
      inner = inner.add(f(piNew[s * A + a]).mul(f(evOld.q[s * A + a])));
      magnitude += beta[s] * Math.abs(piNew[s * A + a] * evOld.q[s * A + a]);
    }
    const penalty = m.ratio[s] === 0 ? f(0) : f(m.ratio[s]).mul(f(d));
    magnitude += beta[s] * Math.abs(m.ratio[s] * d);
    exact = exact.add(f(beta[s]).mul(inner.sub(penalty)));
  }
  return compareEqual(
    name,
    update.objective,
    roundingAllowance(S * (A + 4), magnitude),
    fractionToNumber(exact),
    roundingAllowance(1, Math.abs(fractionToNumber(exact))),
  );
}

export function exactVerdict(name: string, lhs: Fraction, rhs: Fraction, where: Record<string, number> = {}): Verdict {
  const v = compareEqual(name, fractionToNumber(lhs), 0, fractionToNumber(rhs), 0, where);
  return lhs.equals(rhs)
    ? { ...v, status: 'holds', error: 0, reason: 'equal in exact rational arithmetic' }
    : { ...v, status: 'violated', error: 0, reason: 'differs in exact rational arithmetic' };
}

/** The exact distribution a row of doubles represents: each entry over the row's exact sum. */
export function normalised(row: ArrayLike<number>): Fraction[] {
  const xs = Array.from(row, (x) => f(x));
  const total = xs.reduce((acc, x) => acc.add(x), f(0));
  return xs.map((x) => x.div(total));
}
