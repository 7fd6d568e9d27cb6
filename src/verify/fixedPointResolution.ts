import type { Mdp } from '../mdp/mdp.js';
import type { MirrorConfig } from '../mirror/update/mirrorConfig.js';
import { driftContexts } from '../mirror/drifts/driftContexts.js';
import { UNIT_ROUNDOFF } from '../numeric/rounding.js';
import type { PolicyEvaluation } from '../policy/evaluatePolicy.js';
import type { Policy } from '../policy/policy.js';
import type { OptimalSolution } from '../policy/policyIteration.js';
import { driftCurvature } from '../mirror/drifts/driftNumerics.js';

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
  // Square roots of each factor, multiplied: c_D·max|Q|·u and c_D·slack underflow to 0 for rewards near 1e-275 (a
  // product below 2⁻¹⁰⁷⁴), which once turned a step of resolution 7e-275 into 0 and a fixed point into a false alarm.
  const rootCurvature = Math.sqrt(curvature);
  const alpha =
    Math.sqrt(8 * A * UNIT_ROUNDOFF) * rootCurvature * Math.sqrt(qScale) +
    2 * rootCurvature * Math.sqrt(solverSlack) +
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

/**
 * The resolution allowance at a policy π that the update left (or may have left) unchanged, and the solver slack it
 * includes: c_D measured at π, max|Q*| as the value scale, the advantage error of π's evaluation.
 */
export function resolutionAt(
  mdp: Mdp,
  config: MirrorConfig,
  pi: Policy,
  evaluation: PolicyEvaluation,
  optimum: OptimalSolution,
  gap: number | null,
  beta: Float64Array,
): { resolution: number; slack: number } {
  let qScale = 0;
  for (const x of optimum.qStar) qScale = Math.max(qScale, Math.abs(x));
  const curvature = driftCurvature(config.drift, pi, driftContexts(mdp, evaluation), mdp.numActions);
  const slack = solverSlack(gap, beta);
  return {
    resolution: fixedPointResolution(
      curvature,
      qScale,
      mdp.numActions,
      evaluation.errorBound.advantage,
      mdp.gamma,
      slack,
    ),
    slack,
  };
}
