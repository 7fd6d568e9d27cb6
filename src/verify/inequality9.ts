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
  const weights: PathWeights = { uPaper: [], uVisitation: [], drift: [] };
  const verdicts: Verdict[] = [];
  const total: RunTotals = { slack: 0, lower: 0, lowerMag: 0, paper: 0, paperError: 0, uInf: Infinity };
  let evNext: PolicyEvaluation | null = null;
  for (let n = 1; n < iterations.length; n++) {
    const prev = iterations[n - 1];
    const rec = iterations[n];
    const beta = rec.beta!;
    // One evaluation per iterate: this step's π_{n+1} is the next step's π_n.
    const evPrev = evNext ?? evaluate(prev.policy);
    evNext = evaluate(rec.policy);
    const deficits = measuredDeficits({
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
    const sums = stepSums(mdp.initial, mdp.gamma, beta, evNext.visitation, deficits);
    if ('undefinedAt' in sums) {
      const why = `iteration ${n}: (ν/β)·D is undefined or infinite at state ${sums.undefinedAt}`;
      return { verdict: outside('Inequality (8)', why), weights };
    }
    weights.uPaper.push(sums.uP);
    weights.uVisitation.push(sums.uV);
    weights.drift.push(sums.dn);
    verdicts.push(...stepVerdicts(n, prev, rec, evNext, sums, mdp.numStates, mdp.gamma, total));
  }
  if (iterations.length > 1) verdicts.push(...telescopedVerdicts(run, optimum, total));
  if (verdicts.length === 0) return { verdict: outside('Inequality (8)', 'the run has no steps'), weights };
  return { verdict: worstVerdict(verdicts), weights };
}

/** One step's sums over the states, in state order: the constants u_n, D^ν_n, the chain Σ ρ̄w/(1−γ), the slack. */
interface StepSums {
  readonly uP: number;
  readonly uV: number;
  readonly dn: number;
  readonly dnError: number;
  readonly chain: number;
  readonly chainMag: number;
  readonly chainError: number;
  readonly wMax: number;
  /** ρ̄ᵀδ/(1−γ) on the computed ρ̄ (the visitation's own error is added with `deltaMax`). */
  readonly slack: number;
  readonly deltaMax: number;
}

/** The sums of one step, or the first state where (ν/β)·D is undefined or infinite. */
function stepSums(
  initial: Float64Array,
  gamma: number,
  beta: Float64Array,
  visitation: Float64Array,
  { delta, w, wError, m }: ReturnType<typeof measuredDeficits>,
): StepSums | { undefinedAt: number } {
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
  for (let s = 0; s < w.length; s++) {
    if (!Number.isFinite(w[s])) return { undefinedAt: s };
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
  return { uP, uV, dn, dnError, chain, chainMag, chainError, wMax, slack, deltaMax };
}

/** What the telescoped (9) adds up over the steps. */
interface RunTotals {
  slack: number;
  lower: number;
  lowerMag: number;
  paper: number;
  paperError: number;
  uInf: number;
}

/** Inequality (8) at step n, in the visitation form and the paper's; adds the step to the run's totals. */
function stepVerdicts(
  n: number,
  prev: MirrorRun['iterations'][number],
  rec: MirrorRun['iterations'][number],
  evNext: PolicyEvaluation,
  sums: StepSums,
  S: number,
  gamma: number,
  total: RunTotals,
): Verdict[] {
  const { uP, dn, dnError, chain, chainMag, chainError, wMax } = sums;
  const slack = sums.slack + (evNext.errorBound.visitation * sums.deltaMax) / (1 - gamma);
  total.uInf = Math.min(total.uInf, uP);
  total.slack += slack;
  const dEta = rec.eta - prev.eta;
  const dEtaErr =
    rec.errorBound.eta + prev.errorBound.eta + roundingAllowance(1, Math.abs(rec.eta) + Math.abs(prev.eta));
  const chainErr =
    (evNext.errorBound.visitation * wMax) / (1 - gamma) + roundingAllowance(S + 3, chainMag) + chainError;
  total.lower += chain;
  total.lowerMag += chainMag + chainErr;
  total.paper += dn;
  total.paperError += dnError;
  const paperError = slack + roundingAllowance(S + 3, uP * Math.abs(dn)) + uP * dnError;
  return [
    compareAtLeast(CHAIN, dEta, dEtaErr, chain, chainErr + slack, { iteration: n }),
    compareAtLeast(PAPER, dEta, dEtaErr, uP * dn, paperError, { iteration: n }),
  ];
}

/** Inequality (9) telescoped over the run: the visitation form, and the paper's with u = inf_n u_n when u > 0. */
function telescopedVerdicts(run: MirrorRun, optimum: OptimalSolution, total: RunTotals): Verdict[] {
  const { iterations } = run;
  const S = run.mdp.numStates;
  const first = iterations[0];
  const budget = optimum.etaStar - first.eta;
  const budgetErr =
    optimum.errorBound.eta +
    first.errorBound.eta +
    roundingAllowance(1, Math.abs(optimum.etaStar) + Math.abs(first.eta));
  const verdicts = [
    compareAtLeast(
      'η* − η(π_0) ≥ Σ_n Σ_s ρ̄_{n+1}(s)(ν/β)(s)D_n(s)/(1−γ)   (9, visitation form)',
      budget,
      budgetErr + total.slack,
      total.lower,
      roundingAllowance(iterations.length, total.lowerMag),
    ),
  ];
  if (total.uInf > 0) {
    verdicts.push(
      compareAtLeast(
        'Σ_n D^ν_{π_n}(π_{n+1}) ≤ (η* − η(π_0))/u,  u = inf_n min_s d(s)/β_n(s)   (9)',
        (budget + total.slack) / total.uInf,
        (budgetErr / total.uInf) * (1 + 1e-15),
        total.paper,
        roundingAllowance(iterations.length + S, Math.abs(total.paper)) + total.paperError,
      ),
    );
  }
  return verdicts;
}
