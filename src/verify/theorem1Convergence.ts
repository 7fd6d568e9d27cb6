import type { MirrorRun } from '../mirror/mirrorLearning.js';
import { roundingAllowance, UNIT_ROUNDOFF } from '../numeric/rounding.js';
import { driftContexts } from '../mirror/update/mirrorUpdate.js';
import { PolicyEvaluator } from '../policy/evaluatePolicy.js';
import { driftCurvature } from './driftNumerics.js';
import type { OptimalSolution } from '../policy/policyIteration.js';
import { failedHypotheses } from './step.js';
import { compareAtLeast, outside, worstVerdict, withReason, type Verdict } from './verdict.js';

/**
 * The resolution allowance of a fixed point. Policies are stored to u, so an exact update that would move π by less
 * than about A·u leaves it bitwise unchanged. If the best action at some state has advantage α, moving θ toward it gains
 * θα − D(π + θv) ≥ θα − c_D·θ² (c_D = `driftCurvature`), so the exact per-state optimum gains at least α²/(4c_D), and
 * since a gain needs a move of at least gain/(2·max|Q|), a bitwise fixed point has α ≤ √(8·c_D·max|Q|·A·u). Add the
 * advantage's certified error (a greedy step cannot see a smaller α), and V* − V ≤ max α/(1−γ) gives
 *   resolution = (√(8·c_D·max|Q|·A·u) + 2·err_A + 2⁻⁹¹⁶)/(1−γ),
 * the last term because below 2⁻¹⁰²²/u² certified errors (~u·V) times probabilities of order u leave the normal range.
 * (Assumes D(π + θv) ≤ c_D·θ² also below the smallest step measured, 2⁻²⁶.)
 */
export function fixedPointResolution(
  curvature: number,
  qScale: number,
  A: number,
  errAdvantage: number,
  gamma: number,
  solverSlack = 0,
): number {
  const alpha =
    Math.sqrt(8 * curvature * qScale * A * UNIT_ROUNDOFF) +
    Math.sqrt(4 * curvature * solverSlack) +
    solverSlack +
    2 * errAdvantage +
    UNDERFLOW_FLOOR;
  return alpha / (1 - gamma);
}

/**
 * max_s gap/β(s) of an update step: the exact update may gain that much more than the computed one, so a computed
 * fixed point leaves an advantage α with α²/(4c_D) ≤ slack (or α ≤ slack for a greedy step) unresolved. +∞ when the
 * step is uncertified.
 */
export function solverSlack(gap: number | null, beta: Float64Array): number {
  if (gap === null || !Number.isFinite(gap)) return Infinity;
  let slack = 0;
  for (const b of beta) if (b > 0) slack = Math.max(slack, gap / b);
  return slack;
}

/** 2⁻¹⁰²²/u² = 2⁻⁹¹⁶: certified errors are ~u·V and meet probabilities of order u, so below it they leave the normal range. */
const UNDERFLOW_FLOOR = 2 ** -1022 / UNIT_ROUNDOFF ** 2;

/** The hypotheses needing the zero gradient (Theorem 1.2–1.4) that fail somewhere along a run. */
export function runHypotheses(run: MirrorRun): string[] {
  for (let n = 1; n < run.iterations.length; n++) {
    const rec = run.iterations[n];
    const failed = failedHypotheses(
      { mdp: run.mdp, config: run.config, piOld: run.iterations[n - 1].policy, beta: rec.beta! },
      true,
    );
    if (failed.length) return failed.map((f) => `iteration ${n}: ${f}`);
  }
  return [];
}

/**
 * Theorem 1.2 and 1.3 (Kuba et al. 2022, Section 3.2) along a finite run: V_{π_n} → V* and η(π_n) → η*.
 * A finite run can refute a limit only when it stops: at a fixed point (π_{n+1} = π_n bitwise) the sequence is
 * constant, so it must already be optimal — `violated` when V* − V_{π_N} exceeds its certified error plus the
 * resolution allowance. A run that ends on its budget with a gap left is `undecided` (slow is not stuck). Every
 * iterate must also satisfy V_{π_n} ≤ V* (certified).
 */
export function checkTheorem1Convergence(run: MirrorRun, optimum: OptimalSolution): Verdict {
  const { mdp } = run;
  const { numStates: S, gamma } = mdp;
  const hyp = runHypotheses(run);
  if (hyp.length) return outside('V_{π_n} → V*', hyp[0]);
  let qScale = 0;
  for (const x of optimum.qStar) qScale = Math.max(qScale, Math.abs(x));
  const verdicts: Verdict[] = [];
  const lastPolicy = run.iterations[run.iterations.length - 1].policy;
  const lastEval = new PolicyEvaluator(mdp).evaluate(lastPolicy);
  const curvature = driftCurvature(run.config.drift, lastPolicy, driftContexts(mdp, lastEval), mdp.numActions);
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
  const last = run.iterations[run.iterations.length - 1];
  const lastStep = run.iterations.length > 1 ? run.iterations[run.iterations.length - 1] : null;
  const slack = lastStep ? solverSlack(lastStep.certificate?.optimalityGap ?? null, lastStep.beta!) : 0;
  const resolution = fixedPointResolution(
    curvature,
    qScale,
    mdp.numActions,
    lastEval.errorBound.advantage,
    gamma,
    slack,
  );
  let worst = -Infinity;
  let worstState = 0;
  for (let s = 0; s < S; s++) {
    const gap = optimum.vStar[s] - last.v[s];
    if (gap > worst) {
      worst = gap;
      worstState = s;
    }
  }
  const err = optimum.errorBound.v + last.errorBound.v + roundingAllowance(1, Math.abs(optimum.vStar[worstState]) * 2);
  const converged = compareAtLeast(
    'V_{π_N}(s) ≥ V*(s) at the end of the run',
    last.v[worstState],
    last.errorBound.v,
    optimum.vStar[worstState],
    optimum.errorBound.v + resolution,
    { iteration: last.n, state: worstState },
  );
  if (converged.status === 'violated' && run.stoppedBecause !== 'fixed-point') {
    verdicts.push(
      withReason(
        { ...converged, status: 'undecided' },
        `still converging after ${last.n} iterations: V* − V = ${worst} (error ${err})`,
      ),
    );
  } else if (converged.status === 'violated' && !Number.isFinite(slack)) {
    verdicts.push(
      withReason({ ...converged, status: 'undecided' }, 'stopped at a fixed point of an uncertified update step'),
    );
  } else if (converged.status === 'violated') {
    verdicts.push(withReason(converged, `the update stopped at a non-optimal fixed point after ${last.n} iterations`));
  } else verdicts.push({ ...converged, status: 'holds' });
  const etaGap = compareAtLeast(
    'η(π_N) ≥ η* at the end of the run',
    last.eta,
    last.errorBound.eta,
    optimum.etaStar,
    optimum.errorBound.eta + resolution,
    { iteration: last.n },
  );
  if (etaGap.status === 'violated') {
    verdicts.push(
      run.stoppedBecause === 'fixed-point' && Number.isFinite(slack)
        ? withReason(etaGap, 'η stopped below η* at a fixed point')
        : withReason({ ...etaGap, status: 'undecided' }, `still converging after ${last.n} iterations`),
    );
  } else verdicts.push({ ...etaGap, status: 'holds' });
  return worstVerdict(verdicts);
}
