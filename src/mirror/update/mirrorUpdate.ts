import { InputError } from '../../errors.js';
import type { Policy } from '../../policy/policy.js';
import type { Drift, DriftContext } from '../drifts/drift.js';
import { ballSlope, klBallSlope } from './ballSlope.js';
import { secondOrderStart } from './secondOrderStart.js';
import { dualBisection } from './dualBisection.js';
import { epigraphUpdate } from './epigraphUpdate.js';
import type { MirrorConfig } from './mirrorConfig.js';
import { draftStateRow, solveStateProblem } from './solveStateProblem.js';
import { solveStateWithBalls, type ResolvedStateBall } from './solveStateWithBalls.js';
import type { PenaltyTerm, StateMethod, StateProblem } from './stateProblem.js';
import type { ConstraintValue } from './updateCertificate.js';
import type { UpdateInput, UpdateResult } from './updateResult.js';
import { driftContexts } from '../drifts/driftContexts.js';
import { acquireStateHolders } from './stateHolders.js';
import { resolveDivergence } from '../neighbourhoods/neighbourhood.js';
import { nuFor, penaltyWeight } from '../nu.js';

/**
 * The exact mirror-learning update (Kuba et al. 2022, Definition 3, Eq. 5):
 *   π_new = argmax_{π̄ ∈ N(π_old)} E_{s∼β}[ E_{a∼π̄}[Q_old(s,a)] − (ν(s)/β(s)) · D_{π_old}(π̄|s) ].
 * With ν independent of π̄ the objective separates over states: each state's problem is solved in closed form when its
 * penalty terms share one base drift, generically otherwise; per-state balls and expected-divergence balls become
 * Lagrange multipliers (one dual bisection each). ν = max-state (TRL) goes through the epigraph reformulation.
 * States with β(s) = 0 carry no weight in Eq. 5 and keep π_old (and are reported outside the hypotheses).
 * Long on purpose (docs/architecture.md): one dispatch over the neighbourhood kinds, sharing the per-update scratch;
 * the solver rewrite of issue 11 replaces it whole.
 */
export function mirrorUpdate(input: UpdateInput, config: MirrorConfig): UpdateResult {
  const { mdp, piOld, evaluation, beta } = input;
  const { numStates: S, numActions: A } = mdp;
  const outsideHypotheses: string[] = [];
  const active: number[] = [];
  for (let s = 0; s < S; s++) {
    if (beta[s] > 0) active.push(s);
    else outsideHypotheses.push(`beta(${s}) = 0: the sampling distribution must have full support`);
  }
  if (config.drift.interiorOnly) {
    // The first zero entry names its state (an indexed scan: a row view and a closure per state cost a KL ball's update
    // at S = 20 ~4 %).
    let first = -1;
    for (let i = 0; i < S * A && first < 0; i++) if (piOld[i] === 0) first = i;
    if (first >= 0) {
      const s = Math.floor(first / A);
      outsideHypotheses.push(
        `pi_old(.|${s}) is on the simplex boundary, where drift ${config.drift.name} does not satisfy Definition 1 (zero derivative)`,
      );
    }
  }
  // Relative to the values' own scale: the update is invariant under scaling rewards (and a drift that scales with
  // them, as TRL's C does), so its tolerance must be too. A floor of 1e-12 once stopped every dual search at its first
  // feasible multiplier for rewards near 1e-275, and TRL's epigraph search then stalled at π_old.
  let qMax = 0;
  const { q } = evaluation;
  for (let i = 0; i < q.length; i++) qMax = Math.max(qMax, Math.abs(q[i]));
  const tolerance = Math.max(1e-12 * qMax, Number.MIN_VALUE);

  if (config.nu === 'max-state') {
    if (config.neighbourhood.balls.length > 0) {
      throw new InputError('--nu', 'max-state (TRL) is supported with the trivial neighbourhood only');
    }
    return epigraphUpdate(input, config, driftContexts(mdp, evaluation), active, outsideHypotheses, tolerance);
  }

  const nuKind = config.nu;
  const ratio = (s: number) => penaltyWeight(nuKind, evaluation.visitation, beta, s);
  const stateBalls: ResolvedStateBall[] = [];
  const expected: { divergence: Drift; radius: number; weights: Float64Array; name: string }[] = [];
  for (const ball of config.neighbourhood.balls) {
    const divergence = resolveDivergence(ball, config.drift);
    if (ball.kind === 'state-ball') stateBalls.push({ divergence, radius: ball.radius });
    else {
      const weights = ball.weighting === 'sampling' ? beta : evaluation.visitation;
      expected.push({ divergence, radius: ball.radius, weights, name: `E[${divergence.name}]` });
    }
  }
  // Each expected ball's multiplier search starts from the hint (the previous update's multiplier in a run), else the
  // values' scale; within the update it then starts from its own last answer (nested balls search the inner one anew
  // for every outer multiplier, each near the last).
  const hinted = expected.map((_, k) => {
    const hint = input.multiplierHints?.[k];
    return hint !== undefined && hint > 0 && Number.isFinite(hint);
  });
  const multipliers = expected.map((_, k) => (hinted[k] ? input.multiplierHints![k] : qMax));
  // Each state's context and problem, its own solver multiplier carried from one multiplier probe to the next (a
  // starting guess only), and the problems the probes refill: kept between updates of this shape (stateHolders).
  const holders = acquireStateHolders(S, A, evaluation.q, piOld, evaluation.advantage, mdp.gamma, config.drift, ratio);
  try {
    const { contexts, problems, warm, probes: probeProblems } = holders;
    const methods = new Set<StateMethod>();
    const convexProblem =
      Boolean(config.drift.convex) && [...stateBalls, ...expected].every((b) => Boolean(b.divergence.convex));
    /** J(π̄) = Σ_s β_s [⟨π̄_s, Q_s⟩ − (ν_s/β_s)·D_s(π̄_s)] over the active states; D_s from `drifts` where given. */
    const policyObjective = (piBar: Policy, drifts?: Float64Array): number => {
      let j = 0;
      for (const s of active) {
        const p = piBar.subarray(s * A, (s + 1) * A);
        let v = 0;
        for (let a = 0; a < A; a++) v += p[a] * problems[s].g[a];
        const c = ratio(s);
        if (c !== 0) v -= c * (drifts ? drifts[s] : config.drift.value(p, problems[s].pi, contexts[s]));
        j += beta[s] * v;
      }
      return j;
    };
    // A lone expected ball's probes steer with draft rows where the states take the per-action roots (no certificate, gap
    // NaN: dualBisection's `drafts`), and its search solves in full only the probes that could be its answer. Not where
    // the ball's divergence is of the drift's family: every state is one closed form then, and would decline.
    // Each ball's coefficients: one array per nesting level, refilled per probe.
    const coefsOf: Float64Array[] = [];
    const family = config.drift.family?.base;
    const rowSlope = { klSlope: NaN };
    const drafts =
      expected.length === 1 &&
      stateBalls.length === 0 &&
      !(family !== undefined && expected[0].divergence.family?.base === family);
    const solveStates = (
      extra: { divergence: Drift; coefs: Float64Array; unit: Float64Array; weights: Float64Array }[],
      level: number,
      draft = false,
      screen = false,
    ): { piNew: Policy; gap: number; slope?: number; constraint?: number; partial?: boolean } => {
      if (level < expected.length) {
        const ball = expected[level];
        if (!(ball.radius > 0)) {
          // Radius 0: every state the ball weighs is pinned to π_old (a positive divergence is 0 only there).
          const sol = solveStates(extra, level + 1);
          const piNew = Float64Array.from(sol.piNew);
          for (let s = 0; s < S; s++) if (ball.weights[s] > 0) piNew.set(piOld.subarray(s * A, (s + 1) * A), s * A);
          return { piNew, gap: Infinity };
        }
        // The ball's term at state s is μ·w_s/β_s·div_s: `unit` holds w_s/β_s (for the slope of E[div] in μ).
        const unit = holders.floats(S);
        for (const s of active) unit[s] = ball.weights[s] / beta[s];
        // Without a hint from the run, a lone expected ball starts from its second-order model at π, where the values'
        // scale was a guess — asked for only when the unconstrained rows give no slope (they leave supp π), as the
        // search prefers theirs (computed every time, the model cost L2 and TV² in their drift balls 6–13 %).
        // Its states' solvers then start from the model's own multipliers at that μ (the first probe's solves were cold,
        // 13 evaluations of x per state for TV² in a KL ball).
        const modelStart = () => {
          const seeds = holders.floats(2 * active.length);
          const start = secondOrderStart(
            problems,
            active,
            ball.divergence,
            unit,
            ball.weights,
            ball.radius,
            qMax,
            seeds,
          );
          if (start > 0) {
            multipliers[level] = start;
            for (let i = 0; i < active.length; i++) {
              if (!Number.isFinite(seeds[2 * i]) || !Number.isFinite(seeds[2 * i + 1])) continue;
              warm[active[i]].delta = seeds[2 * i];
              warm[active[i]].kappa = seeds[2 * i + 1];
            }
          }
          return multipliers[level];
        };
        const lone = !hinted[level] && expected.length === 1 && stateBalls.length === 0;
        const result = dualBisection(
          (mu, draft, screen) => {
            const coefs = (coefsOf[level] ??= holders.floats(S)); // read by this probe's solves only
            for (const s of active) coefs[s] = (mu * ball.weights[s]) / beta[s];
            return solveStates(
              [...extra, { divergence: ball.divergence, coefs, unit, weights: ball.weights }],
              level + 1,
              draft,
              screen,
            );
          },
          (sol) =>
            sol.constraint !== undefined && !Number.isNaN(sol.constraint)
              ? sol.constraint
              : expectedDivergence(sol.piNew, piOld, ball.divergence, ball.weights, contexts, A),
          ball.radius,
          tolerance,
          lone ? modelStart : multipliers[level],
          {
            mix: (from, toward, theta) => ({
              piNew: Float64Array.from(from.piNew, (x, i) => (1 - theta) * x + theta * toward.piNew[i]),
              gap: from.gap,
            }),
            objective: (sol) => policyObjective(sol.piNew),
            concave: convexProblem,
          },
          drafts,
        );
        if (!result) {
          // No finite multiplier reached the ball: the states it weighs keep π_old (feasible), uncertified.
          const sol = solveStates(extra, level + 1);
          const piNew = Float64Array.from(sol.piNew);
          for (let s = 0; s < S; s++) if (ball.weights[s] > 0) piNew.set(piOld.subarray(s * A, (s + 1) * A), s * A);
          return { piNew, gap: Infinity };
        }
        if (result.multiplier > 0 && Number.isFinite(result.multiplier)) multipliers[level] = result.multiplier;
        // The outermost ball's E[div] at the answer, as the search measured it (the report reads it, not a second pass).
        if (level === 0) firstMeasured = result.constraint;
        // Copied out of the update's arena, where its probes' rows are (the answer outlives the update).
        return { piNew: result.solution.piNew.slice(), gap: result.gap };
      }
      // A probe's rows in the update's arena (a ball's search may keep them until it ends); the answer's own array.
      let piNew: Policy;
      if (extra.length > 0) {
        piNew = holders.floats(S * A);
        piNew.set(piOld);
      } else piNew = piOld.slice();
      let gap = 0;
      if (level === 0) stateGaps = new Float64Array(S);
      // d/dμ of the innermost expected ball's E[div] at this multiplier (per-state balls would move with it too).
      const last = extra.length > 0 && stateBalls.length === 0 ? extra[extra.length - 1] : null;
      let slope = last ? 0 : NaN;
      // And its E[div] at this probe, from the rows as they are solved (expectedDivergence's sum, in its order), where every
      // state is active (else the states outside keep π_old, and expectedDivergence reads them).
      let constraint = last && active.length === S ? 0 : NaN;
      for (const s of active) {
        let problem = problems[s];
        if (extra.length) {
          // The state's problem with each ball's term at this probe's coefficient: kept between updates of this shape
          // and refilled (no solver keeps a problem past its solve), as every probe solves every state again.
          problem = probeProblem(probeProblems, s, problems[s], extra, warm[s]);
        }
        const row = draft ? draftStateRow(problem, rowSlope) : null;
        let p: Float64Array;
        if (row !== null) {
          for (let a = 0; a < A; a++) piNew[s * A + a] = row[a]; // `set` costs more than A moves at this size
          gap = NaN;
          p = row;
        } else {
          // Without per-state balls the state's own problem (its multiplier, 0, is not needed here).
          const sol = stateBalls.length
            ? solveStateWithBalls(problem, stateBalls, tolerance)
            : solveStateProblem(problem, last ? rowSlope : undefined);
          methods.add(sol.method);
          for (let a = 0; a < A; a++) piNew[s * A + a] = sol.p[a];
          gap += beta[s] * sol.gap;
          if (stateGaps) stateGaps[s] = sol.gap;
          p = sol.p;
        }
        if (last && slope === slope && last.unit[s] > 0) {
          // A KL ball takes its slope from the solver's own derivatives, where it has them (drafts and full solves).
          const known = klBallSlope(last.divergence, problem.ctx, last.unit[s], rowSlope.klSlope);
          slope += last.weights[s] * (known === known ? known : ballSlope(problem, p, last.unit[s]));
        }
        if (last && constraint === constraint && last.weights[s] !== 0) {
          constraint += last.weights[s] * last.divergence.value(p, problem.pi, problem.ctx);
          // A screened probe (the unconstrained one) stops once its E[div] is +∞: infeasible whatever the other states.
          if (screen && constraint === Infinity) return { piNew, gap: NaN, slope: NaN, constraint, partial: true };
        }
      }
      return { piNew, gap, slope, constraint };
    };
    // Per-state gaps are certificates only where the states are solved once, with no multiplier (no expected ball).
    let stateGaps: Float64Array | null = null;
    let firstMeasured = NaN; // set only where the outermost ball's search returned the answer
    const { piNew, gap } = solveStates([], 0);

    // Each state's drift at the answer, and J(π_new) from them (each D_s once).
    const driftPerState = new Float64Array(S);
    for (let s = 0; s < S; s++)
      driftPerState[s] = config.drift.value(piNew.subarray(s * A, (s + 1) * A), problems[s].pi, contexts[s]);
    const objective = policyObjective(piNew, driftPerState);
    let objectiveOld = 0;
    for (const s of active) objectiveOld += beta[s] * evaluation.v[s];
    const nu = nuFor(config.nu, evaluation.visitation, beta, driftPerState);
    const constraints = constraintValues(piNew, piOld, stateBalls, expected, contexts, A, firstMeasured);
    const kinds = [...methods].sort().join('/');
    return {
      piNew,
      objective,
      objectiveOld,
      nu,
      driftPerState,
      multipliers,
      certificate: {
        feasible: constraints.every((c) => c.value <= c.radius),
        optimalityGap: Number.isFinite(gap) ? gap : null,
        stateGaps,
        method: [
          kinds || 'unchanged',
          ...(stateBalls.length ? ['state-dual'] : []),
          ...(expected.length ? ['dual'] : []),
        ].join('+'),
        constraints,
        outsideHypotheses,
      },
    };
  } finally {
    holders.release();
  }
}

/** E_{s∼w}[div(π̄_s ‖ π_s)]. */
export function expectedDivergence(
  piBar: Policy,
  pi: Policy,
  divergence: Drift,
  weights: Float64Array,
  contexts: readonly DriftContext[],
  A: number,
): number {
  let total = 0;
  for (let s = 0; s < weights.length; s++) {
    if (weights[s] === 0) continue;
    const d = divergence.value(piBar.subarray(s * A, (s + 1) * A), pi.subarray(s * A, (s + 1) * A), contexts[s]);
    total += weights[s] * d;
  }
  return total;
}

function constraintValues(
  piNew: Policy,
  piOld: Policy,
  stateBalls: readonly ResolvedStateBall[],
  expected: readonly { divergence: Drift; radius: number; weights: Float64Array; name: string }[],
  contexts: readonly DriftContext[],
  A: number,
  firstExpected: number,
): ConstraintValue[] {
  const out: ConstraintValue[] = [];
  for (const ball of stateBalls) {
    let worst = 0;
    for (let s = 0; s < contexts.length; s++) {
      const d = ball.divergence.value(
        piNew.subarray(s * A, (s + 1) * A),
        piOld.subarray(s * A, (s + 1) * A),
        contexts[s],
      );
      worst = Math.max(worst, d);
    }
    out.push({ ball: `max_s ${ball.divergence.name}`, value: worst, radius: ball.radius });
  }
  for (let k = 0; k < expected.length; k++) {
    const ball = expected[k];
    // The first ball's, where its search measured it at this very policy (NaN otherwise).
    const value =
      k === 0 && !Number.isNaN(firstExpected)
        ? firstExpected
        : expectedDivergence(piNew, piOld, ball.divergence, ball.weights, contexts, A);
    out.push({ ball: ball.name, value, radius: ball.radius });
  }
  return out;
}

/**
 * The state's problem with one more term per expected ball at this probe's coefficients: kept between updates of one
 * shape (`stateHolders`) and refilled (no solver keeps a problem past its solve), as every probe solves every state
 * again; built anew where the balls' divergences are other objects than the ones it holds.
 */
function probeProblem(
  cache: (StateProblem | undefined)[],
  s: number,
  base: StateProblem,
  extra: readonly { divergence: Drift; coefs: Float64Array }[],
  warm: NonNullable<StateProblem['warm']>,
): StateProblem {
  let problem = cache[s];
  let fits = problem !== undefined && problem.terms.length === extra.length + 1;
  for (let k = 0; fits && k < extra.length; k++) fits = problem!.terms[k + 1].drift === extra[k].divergence;
  if (!fits) {
    const terms: PenaltyTerm[] = [base.terms[0]];
    for (const e of extra) terms.push({ drift: e.divergence, coef: 0 });
    problem = cache[s] = { g: base.g, pi: base.pi, ctx: base.ctx, terms, warm };
  }
  for (let k = 0; k < extra.length; k++) (problem!.terms[k + 1] as { coef: number }).coef = extra[k].coefs[s];
  return problem!;
}
