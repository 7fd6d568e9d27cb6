import { penaltyWeight } from '../mirror/nu.js';
import { driftContexts } from '../mirror/drifts/driftContexts.js';
import { inNeighbourhood, membershipContext } from '../mirror/neighbourhoods/membership.js';
import { objectiveResolution, rowPoint } from './rowGain.js';
import { stallTest } from './stall.js';
import { stateGap, zeroGradientFailure, type Step } from './step.js';
import { compareAtLeast, outside, type Verdict } from './verdict.js';

/** The stall tests of a step at every state it left unchanged, and the advantage each unchanged state can hide. */
export interface StepStalls {
  /** One verdict per unchanged state (outside where a hypothesis fails there). */
  readonly verdicts: Verdict[];
  /** `hiddenAdvantage` per state: 0 where the state moved (nothing hidden there), +∞ where untested. */
  readonly hidden: Float64Array;
  /** The states the step left bitwise unchanged. */
  readonly unchanged: number[];
}

/**
 * `stallTest` at every state where π_new(·|s) = π_old(·|s) bitwise and β(s) > 0: the move's feasibility is decided by
 * membership of π_new with that row replaced (so a single unchanged state is tested under any neighbourhood, with its
 * budget as the other states leave it), the gap by `stateGap`. Not for ν that depends on π̄ (TRL): `null`.
 */
export function stepStalls(step: Step): StepStalls | null {
  const { mdp, config, piOld, evOld, beta, piNew } = step;
  const { numStates: S, numActions: A } = mdp;
  if (config.nu === 'max-state') return null;
  const contexts = driftContexts(mdp, evOld);
  const membership = membershipContext(mdp, config.drift, evOld, beta);
  const verdicts: Verdict[] = [];
  const hidden = new Float64Array(S);
  const unchanged: number[] = [];
  const candidate = Float64Array.from(piNew);
  let wholeFixed = true;
  for (let i = 0; i < piNew.length && wholeFixed; i++) wholeFixed = piNew[i] === piOld[i];
  const coupled = config.neighbourhood.balls.some((b) => b.kind !== 'state-ball');
  const nu = config.nu;
  const weightAt = (s: number) => penaltyWeight(nu, evOld.visitation, beta, s);
  const resolutionJ = coupled ? objectiveResolutionJ(step, contexts, weightAt) : 0;
  for (let s = 0; s < S; s++) {
    let same = true;
    for (let a = 0; a < A && same; a++) same = piNew[s * A + a] === piOld[s * A + a];
    if (!same) continue;
    unchanged.push(s);
    if (!(beta[s] > 0)) {
      // The update never moves a state β does not sample: a hypothesis fails there, unless nothing improves it.
      let best = -Infinity;
      for (let a = 0; a < A; a++) best = Math.max(best, evOld.advantage[s * A + a]);
      const errA = evOld.errorBound.advantage;
      hidden[s] = best > errA ? Infinity : Math.max(0, best + errA);
      verdicts.push(
        best > errA
          ? outside(
              'an unchanged state has no improving action',
              `beta(${s}) = 0 at a state with an improving action`,
              {
                state: s,
              },
            )
          : compareAtLeast('an unchanged state has no improving action', errA, 0, best, 0, { state: s }),
      );
      continue;
    }
    const pi = piOld.subarray(s * A, (s + 1) * A);
    const failure = zeroGradientFailure(config, piOld, A, s);
    const result = stallTest({
      s,
      drift: config.drift,
      ctx: contexts[s],
      pi,
      evOld,
      weight: weightAt(s),
      gap: stateGap(step, s),
      coupledResolution: resolutionJ / beta[s],
      feasible(row) {
        candidate.set(row, s * A);
        const inside = inNeighbourhood(config.neighbourhood, candidate, piOld, membership);
        candidate.set(pi, s * A);
        return inside;
      },
      zeroGradientClaimed: failure === null,
      ballContainsMoves: wholeFixed || config.neighbourhood.balls.every((b) => b.kind === 'state-ball'),
    });
    hidden[s] = result.hiddenAdvantage;
    // Where the hypothesis fails a stall says nothing about the theorem, unless it exposed a better feasible move.
    verdicts.push(
      failure && result.verdict.status !== 'violated' && result.verdict.status !== 'holds'
        ? outside('an unchanged state has no improving action', failure, { state: s })
        : result.verdict,
    );
  }
  return { verdicts, hidden, unchanged };
}

/** R = Σ_t β(t)·(rounding resolution of φ_t at π_new): how sharply J, and so a coupled argmax, is resolved. */
function objectiveResolutionJ(
  step: Step,
  contexts: ReturnType<typeof driftContexts>,
  weightAt: (s: number) => number,
): number {
  const { mdp, config, piOld, evOld, beta, piNew } = step;
  const { numStates: S, numActions: A } = mdp;
  let resolutionJ = 0;
  for (let t = 0; t < S; t++) {
    if (!(beta[t] > 0)) continue;
    const row = piNew.subarray(t * A, (t + 1) * A);
    const point = rowPoint(config.drift, row, piOld.subarray(t * A, (t + 1) * A), contexts[t]);
    resolutionJ += beta[t] * objectiveResolution(evOld.q.subarray(t * A, (t + 1) * A), weightAt(t), point);
  }
  return resolutionJ;
}
