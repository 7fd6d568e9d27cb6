import type { MirrorRun } from '../mirror/mirrorLearning.js';
import { roundingAllowance } from '../numeric/rounding.js';
import type { PolicyEvaluation } from '../policy/evaluatePolicy.js';
import type { OptimalSolution } from '../policy/policyIteration.js';
import type { Policy } from '../policy/policy.js';
import { EXACT_ENGINE, type Engine } from './step.js';
import { measuredDeficits } from './theorem1.1.js';
import { compareAtLeast, outside, worstVerdict, type Verdict } from './verdict.js';

/** The per-step constants of Inequality (8) along a run. */
export interface PathWeights {
  /** The paper's u_n = min_s d(s)/β_{π_n}(s) (0 when d lacks full support: then (8) is vacuous). */
  readonly uPaper: number[];
  /** u_n = min over s with ρ̄_{π_{n+1}}(s) > 0 of ρ̄_{π_{n+1}}(s) / ((1−γ)·β_{π_n}(s)) ≥ the paper's u_n. */
  readonly uVisitation: number[];
  /** D^ν_{π_n}(π_{n+1}) = Σ_s ν(s)·D_{π_n}(π_{n+1}|s). */
  readonly drift: number[];
}

const CHAIN = 'η(π_{n+1}) − η(π_n) ≥ Σ_s ρ̄_{n+1}(s)(ν/β)(s)D(s)/(1−γ) ≥ u_n·D^ν_R   (8, visitation form)';
const PAPER = 'η(π_{n+1}) − η(π_n) ≥ u_n·D^ν_{π_n}(π_{n+1}), u_n = min_s d(s)/β(s)   (8)';

/**
 * Inequality (8) per step and (9) telescoped (Kuba et al. 2022, Section 6), with the bound behind them made tight.
 * From the exact identity behind Lemma 1, (I − γP_{n+1})(V_{n+1} − V_n) = m + w with w = (ν/β)⊙D, so with the measured
 * Condition 4 deficits δ (m ≥ −δ, `measuredDeficits`: any update, certified or not)
 *   η(π_{n+1}) − η(π_n) ≥ (1/(1−γ)) Σ_s ρ̄_{π_{n+1}}(s)·(w(s) − δ(s)) ≥ u_n · D^ν_R − ρ̄ᵀδ/(1−γ),
 * with u_n = min_{s∈R} ρ̄_{π_{n+1}}(s)/((1−γ)β(s)) over the states R that π_{n+1} visits. Since ρ̄ ≥ (1−γ)d this u_n is at
 * least the paper's min_s d(s)/β(s), and it stays positive when d lacks full support (where the paper's u is 0 and (8)
 * says nothing). Telescoped (9): Σ_n Σ_s ρ̄_{n+1}w/(1−γ) ≤ η* − η(π_0) + Σ_n ρ̄ᵀδ/(1−γ), and with the paper's constant
 * u = inf_n u_n, Σ_n D^ν_n ≤ (η* − η(π_0) + slack)/u when u > 0. The step from ρ̄ to d needs D ≥ 0.
 * `evaluate` evaluates the iterates (in exact arithmetic for confirmation).
 */
export function checkPathWeightBound(
  run: MirrorRun,
  optimum: OptimalSolution,
  evaluate: (pi: Policy) => PolicyEvaluation,
  engine: Engine = EXACT_ENGINE,
): { verdict: Verdict; weights: PathWeights } {
  const { mdp, config, iterations } = run;
  const { numStates: S, gamma, initial } = mdp;
  const weights: PathWeights = { uPaper: [], uVisitation: [], drift: [] };
  const verdicts: Verdict[] = [];
  let totalSlack = 0;
  let totalLower = 0;
  let totalLowerMag = 0;
  let totalPaper = 0;
  let totalPaperError = 0;
  let uInf = Infinity;
  let evNext: PolicyEvaluation | null = null;
  for (let n = 1; n < iterations.length; n++) {
    const prev = iterations[n - 1];
    const rec = iterations[n];
    const beta = rec.beta!;
    // One evaluation per iterate: this step's π_{n+1} is the next step's π_n.
    const evPrev = evNext ?? evaluate(prev.policy);
    evNext = evaluate(rec.policy);
    const { delta, w, wError, m } = measuredDeficits({
      mdp,
      config,
      engine,
      piOld: prev.policy,
      evOld: evPrev,
      beta,
      piNew: rec.policy,
      evNew: evNext,
      update: rec.update,
    });
    const visitation = evNext.visitation;
    let uP = Infinity;
    let uV = Infinity;
    let dn = 0;
    let dnError = 0;
    let chain = 0;
    let chainMag = 0;
    let chainError = 0;
    let wMax = 0;
    let slack = 0;
    let deltaMax = 0;
    let undefinedAt = -1;
    for (let s = 0; s < S; s++) {
      if (!Number.isFinite(w[s])) {
        undefinedAt = s;
        break;
      }
      if (beta[s] > 0) uP = Math.min(uP, initial[s] / beta[s]);
      wMax = Math.max(wMax, Math.abs(w[s]));
      const nuD = m.nu[s] === 0 || !(beta[s] > 0) ? 0 : beta[s] * w[s]; // ν(s)·D(s)
      dn += nuD;
      dnError += beta[s] * wError[s];
      if (visitation[s] > 0 && beta[s] > 0) uV = Math.min(uV, visitation[s] / ((1 - gamma) * beta[s]));
      chain += (visitation[s] * w[s]) / (1 - gamma);
      chainMag += (visitation[s] * Math.abs(w[s])) / (1 - gamma);
      chainError += (visitation[s] * wError[s]) / (1 - gamma);
      slack += (visitation[s] * delta[s]) / (1 - gamma);
      deltaMax = Math.max(deltaMax, delta[s]);
    }
    if (undefinedAt >= 0) {
      return {
        verdict: outside('Inequality (8)', `iteration ${n}: (ν/β)·D is undefined or infinite at state ${undefinedAt}`),
        weights,
      };
    }
    slack += (evNext.errorBound.visitation * deltaMax) / (1 - gamma);
    weights.uPaper.push(uP);
    weights.uVisitation.push(uV);
    weights.drift.push(dn);
    uInf = Math.min(uInf, uP);
    totalSlack += slack;
    const dEta = rec.eta - prev.eta;
    const dEtaErr =
      rec.errorBound.eta + prev.errorBound.eta + roundingAllowance(1, Math.abs(rec.eta) + Math.abs(prev.eta));
    const chainErr =
      (evNext.errorBound.visitation * wMax) / (1 - gamma) + roundingAllowance(S + 3, chainMag) + chainError;
    verdicts.push(compareAtLeast(CHAIN, dEta, dEtaErr, chain, chainErr + slack, { iteration: n }));
    verdicts.push(
      compareAtLeast(
        PAPER,
        dEta,
        dEtaErr,
        uP * dn,
        slack + roundingAllowance(S + 3, uP * Math.abs(dn)) + uP * dnError,
        {
          iteration: n,
        },
      ),
    );
    totalLower += chain;
    totalLowerMag += chainMag + chainErr;
    totalPaper += dn;
    totalPaperError += dnError;
  }
  if (iterations.length > 1) {
    const first = iterations[0];
    const budget = optimum.etaStar - first.eta;
    const budgetErr =
      optimum.errorBound.eta +
      first.errorBound.eta +
      roundingAllowance(1, Math.abs(optimum.etaStar) + Math.abs(first.eta));
    verdicts.push(
      compareAtLeast(
        'η* − η(π_0) ≥ Σ_n Σ_s ρ̄_{n+1}(s)(ν/β)(s)D_n(s)/(1−γ)   (9, visitation form)',
        budget,
        budgetErr + totalSlack,
        totalLower,
        roundingAllowance(iterations.length, totalLowerMag),
      ),
    );
    if (uInf > 0) {
      verdicts.push(
        compareAtLeast(
          'Σ_n D^ν_{π_n}(π_{n+1}) ≤ (η* − η(π_0))/u,  u = inf_n min_s d(s)/β_n(s)   (9)',
          (budget + totalSlack) / uInf,
          (budgetErr / uInf) * (1 + 1e-15),
          totalPaper,
          roundingAllowance(iterations.length + S, Math.abs(totalPaper)) + totalPaperError,
        ),
      );
    }
  }
  if (verdicts.length === 0) return { verdict: outside('Inequality (8)', 'the run has no steps'), weights };
  return { verdict: worstVerdict(verdicts), weights };
}
