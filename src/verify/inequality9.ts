import type { MirrorRun } from '../mirror/mirrorLearning.js';
import { PolicyEvaluator, type PolicyEvaluation } from '../policy/evaluatePolicy.js';
import { roundingAllowance } from '../numeric/rounding.js';
import type { OptimalSolution } from '../policy/policyIteration.js';
import { driftContexts } from '../mirror/drifts/driftContexts.js';
import { driftNoise } from '../mirror/drifts/driftNumerics.js';
import { sameUpToRounding } from '../mirror/mirrorOperator.js';
import { compareAtLeast, outside, worstVerdict, withReason, type Verdict } from './verdict.js';

/** The per-step constants of Inequality (8) along a run. */
export interface PathWeights {
  /** The paper's u_n = min_s d(s)/β_{π_n}(s) (0 when d lacks full support: then (8) is vacuous). */
  readonly uPaper: number[];
  /** u_n = min over s with ρ̄_{π_{n+1}}(s) > 0 of ρ̄_{π_{n+1}}(s) / ((1−γ)·β_{π_n}(s)) ≥ the paper's u_n. */
  readonly uVisitation: number[];
  /** D^ν_{π_n}(π_{n+1}) = Σ_s ν(s)·D_{π_n}(π_{n+1}|s). */
  readonly drift: number[];
  /** The same sum over the states π_{n+1} visits (ρ̄_{π_{n+1}}(s) > 0). */
  readonly reachableDrift: number[];
}

/**
 * Inequality (8) per step and (9) telescoped (Kuba et al. 2022, Section 6), with the bound behind them made tight.
 * From the exact identity behind Lemma 1, (I − γP_{n+1})(V_{n+1} − V_n) ≥ (ν/β)⊙D, so
 *   η(π_{n+1}) − η(π_n) ≥ (1/(1−γ)) Σ_s ρ̄_{π_{n+1}}(s)·(ν/β)(s)·D(s) ≥ u_n · D^ν_R,
 * with u_n = min_{s∈R} ρ̄_{π_{n+1}}(s)/((1−γ)β(s)) over the states R that π_{n+1} visits. Since ρ̄ ≥ (1−γ)d this u_n
 * is at least the paper's min_s d(s)/β(s), and it stays positive when d lacks full support (where the paper's u is 0
 * and (8) says nothing): the states d never reaches carry no return and their drift is not bounded by anything.
 * Telescoped (9): Σ_n u_n·D^ν_{R,n} ≤ Σ_n (η_{n+1} − η_n) ≤ η* − η(π_0), and with the paper's constant u = inf_n u_n,
 * Σ_n D^ν_n ≤ (η* − η(π_0))/u when u > 0.
 * Solver gaps weaken each step by max_s gap/β(s)/(1−γ); an uncertified step makes a deficit `undecided`.
 */
export function checkPathWeightBound(
  run: MirrorRun,
  optimum: OptimalSolution,
): { verdict: Verdict; weights: PathWeights } {
  const { mdp, iterations } = run;
  const { numStates: S, gamma, initial } = mdp;
  const weights: PathWeights = { uPaper: [], uVisitation: [], drift: [], reachableDrift: [] };
  const verdicts: Verdict[] = [];
  let certified = true;
  let totalSlack = 0;
  let totalLower = 0;
  let totalLowerMag = 0;
  let totalPaper = 0;
  let uInf = Infinity;
  let totalNoise = 0;
  let totalPaperNoise = 0;
  const evaluator = new PolicyEvaluator(mdp);
  let evNext: PolicyEvaluation | null = null;
  for (let n = 1; n < iterations.length; n++) {
    const prev = iterations[n - 1];
    const rec = iterations[n];
    const beta = rec.beta!;
    const nu = rec.nu!;
    const dps = rec.driftPerState!;
    if (beta.some((b) => !(b > 0))) {
      return { verdict: outside('Inequality (8)', `iteration ${n}: β has a zero entry`), weights };
    }
    // One evaluation per iterate: this step's π_{n+1} is the next step's π_n.
    const evPrev = evNext ?? evaluator.evaluate(prev.policy);
    evNext = evaluator.evaluate(rec.policy);
    const visitation = evNext.visitation;
    const contexts = driftContexts(mdp, evPrev);
    const A = mdp.numActions;
    let uP = Infinity;
    let uV = Infinity;
    let dn = 0;
    let dr = 0;
    let chain = 0;
    let chainMag = 0;
    let wMax = 0;
    let noise = 0;
    let paperNoise = 0;
    for (let s = 0; s < S; s++) {
      uP = Math.min(uP, initial[s] / beta[s]);
      const w = nu[s] === 0 ? 0 : (nu[s] / beta[s]) * dps[s];
      if (!Number.isFinite(w)) return { verdict: outside('Inequality (8)', `iteration ${n}: infinite drift`), weights };
      wMax = Math.max(wMax, Math.abs(w));
      const dNoise =
        nu[s] === 0
          ? 0
          : driftNoise(
              run.config.drift,
              rec.policy.subarray(s * A, (s + 1) * A),
              prev.policy.subarray(s * A, (s + 1) * A),
              contexts[s],
              dps[s],
            );
      noise += (visitation[s] * (nu[s] / beta[s]) * dNoise) / (1 - gamma);
      paperNoise += nu[s] * dNoise;
      if (sameUpToRounding(rec.policy, prev.policy, s, A)) {
        noise += (visitation[s] * Math.abs(w)) / (1 - gamma);
        paperNoise += Math.abs(d0(nu[s], dps[s]));
      }
      const d = nu[s] === 0 ? 0 : nu[s] * dps[s];
      dn += d;
      if (visitation[s] > 0) {
        uV = Math.min(uV, visitation[s] / ((1 - gamma) * beta[s]));
        dr += d;
      }
      chain += (visitation[s] * w) / (1 - gamma);
      chainMag += (visitation[s] * Math.abs(w)) / (1 - gamma);
    }
    weights.uPaper.push(uP);
    weights.uVisitation.push(uV);
    weights.drift.push(dn);
    weights.reachableDrift.push(dr);
    uInf = Math.min(uInf, uP);
    const gap = rec.certificate?.optimalityGap ?? null;
    if (gap === null) certified = false;
    let sigma = 0;
    if (gap !== null && gap > 0) for (let s = 0; s < S; s++) sigma = Math.max(sigma, gap / beta[s]);
    const slack = sigma / (1 - gamma);
    totalSlack += slack;
    const dEta = rec.eta - prev.eta;
    const dEtaErr =
      rec.errorBound.eta + prev.errorBound.eta + roundingAllowance(1, Math.abs(rec.eta) + Math.abs(prev.eta));
    const chainErr = (rec.errorBound.visitation * wMax) / (1 - gamma) + roundingAllowance(S + 3, chainMag);
    verdicts.push(
      compareAtLeast(
        'η(π_{n+1}) − η(π_n) ≥ Σ_s ρ̄_{n+1}(s)(ν/β)(s)D(s)/(1−γ) ≥ u_n·D^ν_R   (8, visitation form)',
        dEta,
        dEtaErr,
        chain,
        chainErr + slack + noise,
        { iteration: n },
      ),
    );
    verdicts.push(
      compareAtLeast(
        'η(π_{n+1}) − η(π_n) ≥ u_n·D^ν_{π_n}(π_{n+1}), u_n = min_s d(s)/β(s)   (8)',
        dEta,
        dEtaErr,
        uP * dn,
        slack + roundingAllowance(S + 3, uP * dn) + uP * paperNoise,
        { iteration: n },
      ),
    );
    totalLower += chain;
    totalLowerMag += chainMag + chainErr;
    totalNoise += noise;
    totalPaperNoise += paperNoise;
    totalPaper += dn;
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
        roundingAllowance(iterations.length, totalLowerMag) + totalNoise,
      ),
    );
    if (uInf > 0) {
      verdicts.push(
        compareAtLeast(
          'Σ_n D^ν_{π_n}(π_{n+1}) ≤ (η* − η(π_0))/u,  u = inf_n min_s d(s)/β_n(s)   (9)',
          (budget + totalSlack) / uInf,
          (budgetErr / uInf) * (1 + 1e-15),
          totalPaper,
          roundingAllowance(iterations.length + S, totalPaper) + totalPaperNoise,
        ),
      );
    }
  }
  if (verdicts.length === 0) return { verdict: outside('Inequality (8)', 'the run has no steps'), weights };
  const worst = worstVerdict(verdicts);
  return {
    verdict:
      worst.status === 'violated' && !certified
        ? withReason({ ...worst, status: 'undecided' }, 'a step of the run was not certified by its solver')
        : worst,
    weights,
  };
}

/** ν(s)·D(s) with 0·∞ = 0. */
function d0(nu: number, d: number): number {
  return nu === 0 ? 0 : nu * d;
}
