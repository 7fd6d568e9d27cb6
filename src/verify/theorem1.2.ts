import type { MirrorRun } from '../mirror/mirrorLearning.js';
import { roundingAllowance } from '../numeric/rounding.js';
import type { PolicyEvaluation } from '../policy/evaluatePolicy.js';
import type { OptimalSolution } from '../policy/policyIteration.js';
import type { Policy } from '../policy/policy.js';
import { stepStalls } from './stepStalls.js';
import { EXACT_ENGINE, zeroGradientFailure, type Engine, type Step } from './step.js';
import { compareAtLeast, outside, withReason, worstVerdict, type Verdict } from './verdict.js';

const LIMIT = 'V_{π_n} → V*';

/**
 * The first place along a run where Theorem 1's hypotheses fail in a way that matters: at iterate n, a state with an
 * improving action (certified A > 0) where β(s) = 0 (the update never moves it) or where the zero gradient is not
 * claimed (an interior-only drift at a row that underflowed to an exact 0). A failure at a state with nothing to improve
 * (an absorbing state, a row whose zeros are on bad actions) does not stop the run from converging. null when none.
 */
export function runHypothesisFailure(run: MirrorRun, evaluations: readonly PolicyEvaluation[]): string | null {
  const { mdp, config } = run;
  const { numStates: S, numActions: A } = mdp;
  for (let n = 1; n < run.iterations.length; n++) {
    const pi = run.iterations[n - 1].policy;
    const beta = run.iterations[n].beta!;
    const ev = evaluations[n - 1];
    for (let s = 0; s < S; s++) {
      let improvable = false;
      for (let a = 0; a < A; a++) improvable ||= ev.advantage[s * A + a] > ev.errorBound.advantage;
      if (!improvable) continue;
      if (!(beta[s] > 0)) return `iteration ${n}: beta(${s}) = 0 at a state with an improving action`;
      const failure = zeroGradientFailure(config, pi, A, s);
      if (failure) return `iteration ${n}: ${failure}, and the state has an improving action`;
    }
  }
  return null;
}

/** The run's last step as a `Step`, for the stall tests (its evaluations given). */
function lastStep(run: MirrorRun, engine: Engine, evOld: PolicyEvaluation, evNew: PolicyEvaluation): Step {
  const n = run.iterations.length - 1;
  const rec = run.iterations[n];
  return {
    mdp: run.mdp,
    config: run.config,
    engine,
    piOld: run.iterations[n - 1].policy,
    evOld,
    beta: rec.beta!,
    piNew: rec.policy,
    evNew,
    update: rec.update,
  };
}

/**
 * Theorem 1.2 and 1.3 (Kuba et al. 2022, Section 3.2) along a finite run: V_{π_n} → V* and η(π_n) → η*.
 * Every iterate must satisfy V_{π_n} ≤ V* (certified). A finite run can refute the limit where it stops moving: the
 * last step's unchanged states get the stall test (`stepStalls`: an engine failure or a Definition 1 counterexample is
 * `violated`, a move below double precision `undecided`), and at a fixed point (π_{N} = π_{N−1} bitwise) V* − V_{π_N} must
 * be within what the measured hidden advantages allow, max_s α̂(s)/(1−γ). A run that ends on its budget with a gap left
 * is `undecided` (slow is not stuck). `evaluate` evaluates iterates (in exact arithmetic for confirmation).
 */
export function checkTheorem1Convergence(
  run: MirrorRun,
  optimum: OptimalSolution,
  evaluate: (pi: Policy) => PolicyEvaluation,
  engine: Engine = EXACT_ENGINE,
): Verdict {
  const S = run.mdp.numStates;
  const verdicts: Verdict[] = [];
  for (const rec of run.iterations) {
    for (let s = 0; s < S; s++) {
      verdicts.push(
        compareAtLeast('V*(s) ≥ V_{π_n}(s)', optimum.vStar[s], optimum.errorBound.v, rec.v[s], rec.errorBound.v, {
          iteration: rec.n,
          state: s,
        }),
      );
    }
  }
  const N = run.iterations.length - 1;
  if (N === 0) return worstVerdict([...verdicts, outside(LIMIT, 'the run has no steps')]);
  const evaluations = run.iterations.map((rec) => evaluate(rec.policy));
  const failure = runHypothesisFailure(run, evaluations);
  if (failure) return worstVerdict([...verdicts, outside(LIMIT, failure)]);
  const stalls = stepStalls(lastStep(run, engine, evaluations[N - 1], evaluations[N]));
  if (stalls) verdicts.push(...stalls.verdicts);
  verdicts.push(limitVerdict(run, optimum, stalls));
  return worstVerdict(verdicts);
}

/**
 * Where the run ends: at a fixed point, V* − V_{π_N} within the measured hidden advantages (`outside` where a state
 * could not be tested); on its budget, `undecided` while a gap is left; otherwise V_{π_N} ≥ V* − error.
 */
function limitVerdict(run: MirrorRun, optimum: OptimalSolution, stalls: ReturnType<typeof stepStalls>): Verdict {
  const { numStates: S, gamma } = run.mdp;
  const last = run.iterations[run.iterations.length - 1];
  let worst = -Infinity;
  let worstState = 0;
  for (let s = 0; s < S; s++) {
    const gap = optimum.vStar[s] - last.v[s];
    if (gap > worst) {
      worst = gap;
      worstState = s;
    }
  }
  const errGap =
    optimum.errorBound.v +
    last.errorBound.v +
    roundingAllowance(1, Math.abs(optimum.vStar[worstState]) + Math.abs(last.v[worstState]));
  if (run.stoppedBecause === 'fixed-point' && stalls) {
    let hidden = 0;
    let untested = -1;
    for (let s = 0; s < S; s++) {
      hidden = Math.max(hidden, stalls.hidden[s]);
      if (!Number.isFinite(stalls.hidden[s])) untested = s;
    }
    const allowance = hidden / (1 - gamma);
    if (untested >= 0)
      return outside(
        LIMIT,
        `the stall test cannot move state ${untested} at the fixed point: a hypothesis fails there`,
      );
    return withReason(
      compareAtLeast(
        'π_N = π_{N−1} ⇒ V*(s) − V_{π_N}(s) ≤ max_s α̂(s)/(1−γ)',
        allowance,
        roundingAllowance(2, allowance),
        worst,
        errGap,
        { iteration: last.n, state: worstState },
      ),
      `the run stopped at a fixed point after ${last.n} iterations`,
    );
  }
  if (worst > errGap) {
    return withReason(
      { ...compareAtLeast(LIMIT, 0, 0, worst, errGap, { iteration: last.n, state: worstState }), status: 'undecided' },
      run.stoppedBecause === 'fixed-point'
        ? 'stopped at a fixed point of an update whose ν depends on π̄ (no stall test)'
        : `still converging after ${last.n} iterations: V* − V = ${worst} (error ${errGap})`,
    );
  }
  return compareAtLeast('V_{π_N}(s) ≥ V*(s) − error at the end of the run', errGap, 0, worst, 0, { state: worstState });
}
