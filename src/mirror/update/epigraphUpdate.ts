import type { DriftContext } from '../drifts/drift.js';
import { largestDrift, nuFor } from '../nu.js';
import type { MirrorConfig } from './mirrorConfig.js';
import type { UpdateInput, UpdateResult } from './updateResult.js';
import { solveStateWithBalls } from './solveStateWithBalls.js';

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** ĥ(t) and what certifies it: the policy, the supergradient slope m(t) and the inner gap G(t). */
interface Level {
  t: number;
  h: number;
  slope: number;
  gap: number;
  policy: Float64Array;
}

/**
 * The mirror update with ν = Dirac at s_max = argmax_s D_{π_old}(π̄|s) (TRL, Kuba et al. 2022, Eq. 2), where ν depends
 * on π̄. Then Σ_s ν(s)D_s = max_s D_s and Eq. 5 reads  max_π̄ Σ_s β_s⟨π̄_s, Q_s⟩ − max_s D_s(π̄_s),  whose epigraph form is
 *   max_{t ≥ 0} h(t),   h(t) = Σ_s β_s F_s(t) − t,   F_s(t) = max{⟨p, Q_s⟩ : D_s(p) ≤ t}.
 * Each F_s(t) is a per-state ball problem (one dual bisection); t* lies in [0, T] with
 * T = Σ_s β_s (max_a Q_s(a) − ⟨π_old(s), Q_s⟩), since h(t) ≤ h(0) + T − t; a golden-section search finds it.
 *
 * Certificate, by weak duality (no convexity needed): with μ_s(x) the multiplier at radius x,
 * F_s(t) ≤ F̂_s(x) + G_s(x) + μ_s(x)(t − x) for every t, so h(t) ≤ ĥ(x) + G(x) + (Σβμ − 1)(t − x). The gap is
 * max_{t∈[0,T]} min_x [that line] − ĥ(t̂), over the best evaluated x.
 * Long on purpose (docs/architecture.md): the solver loop keeps its scratch arrays and bracket state on the stack,
 * with no closures in the hot path; the solver rewrite of issue 11 replaces it whole.
 */
export function epigraphUpdate(
  input: UpdateInput,
  config: MirrorConfig,
  contexts: readonly DriftContext[],
  active: readonly number[],
  outsideHypotheses: string[],
  tolerance: number,
): UpdateResult {
  const { mdp, piOld, evaluation, beta } = input;
  const { numStates: S, numActions: A } = mdp;
  const drift = config.drift;
  const row = (x: Float64Array, s: number) => x.subarray(s * A, (s + 1) * A);

  let base = 0;
  let T = 0;
  for (const s of active) {
    const g = row(evaluation.q, s);
    let max = -Infinity;
    let mean = 0;
    for (let a = 0; a < A; a++) {
      max = Math.max(max, g[a]);
      mean += piOld[s * A + a] * g[a];
    }
    base += beta[s] * mean;
    T += beta[s] * Math.max(0, max - mean);
  }
  const levels: Level[] = [];
  const atZero: Level = { t: 0, h: base, slope: NaN, gap: 0, policy: Float64Array.from(piOld) };
  const level = (t: number): Level => {
    const policy = Float64Array.from(piOld);
    let h = -t;
    let slope = -1;
    let gap = 0;
    for (const s of active) {
      const sol = solveStateWithBalls(
        { g: row(evaluation.q, s), pi: row(piOld, s), ctx: contexts[s], terms: [] },
        [{ divergence: drift, radius: t }],
        tolerance,
      );
      policy.set(sol.p, s * A);
      h += beta[s] * sol.value;
      slope += beta[s] * sol.multiplier;
      gap += beta[s] * sol.gap;
    }
    const result = { t, h, slope, gap, policy };
    levels.push(result);
    return result;
  };

  let best = atZero;
  if (T > 0) {
    let a = 0;
    let b = T;
    let x1 = level(b - GOLDEN * (b - a));
    let x2 = level(a + GOLDEN * (b - a));
    for (let i = 0; i < 90 && b - a > 1e-15 * T; i++) {
      if (x1.h >= x2.h) {
        b = x2.t;
        x2 = x1;
        x1 = level(b - GOLDEN * (b - a));
      } else {
        a = x1.t;
        x1 = x2;
        x2 = level(a + GOLDEN * (b - a));
      }
    }
    for (const l of levels) if (l.h > best.h) best = l;
  }

  const piNew = best.policy;
  const driftPerState = new Float64Array(S);
  for (let s = 0; s < S; s++) driftPerState[s] = drift.value(row(piNew, s), row(piOld, s), contexts[s]);
  // The penalty is max_s D_s itself (D^ν for TRL's ν), not D at ν's state: the two differ within a tie (DRIFT_TIE).
  let objective = -largestDrift(driftPerState);
  let objectiveOld = 0;
  for (const s of active) {
    let value = 0;
    for (let a = 0; a < A; a++) value += piNew[s * A + a] * evaluation.q[s * A + a];
    objective += beta[s] * value;
    objectiveOld += beta[s] * evaluation.v[s];
  }
  const nu = nuFor('max-state', evaluation.visitation, beta, driftPerState);
  const gap = T > 0 ? epigraphGap(levels, T, objective) : 0;
  return {
    piNew,
    objective,
    objectiveOld,
    nu,
    driftPerState,
    certificate: {
      feasible: true,
      optimalityGap: Number.isFinite(gap) ? Math.max(0, gap) : null,
      stateGaps: null,
      method: 'epigraph',
      constraints: [],
      outsideHypotheses,
    },
  };
}

/** max_{t∈[0,T]} min_x ℓ_x(t) − achieved, with ℓ_x(t) = ĥ(x) + G(x) + m(x)(t − x), over the best 12 levels. */
function epigraphGap(levels: readonly Level[], T: number, achieved: number): number {
  const lines = [...levels]
    .filter((l) => Number.isFinite(l.slope) && Number.isFinite(l.gap))
    .sort((p, q) => q.h - p.h)
    .slice(0, 12);
  if (lines.length === 0) return Infinity;
  const envelope = (t: number) => Math.min(...lines.map((l) => l.h + l.gap + l.slope * (t - l.t)));
  const candidates = [0, T];
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const [p, q] = [lines[i], lines[j]];
      if (p.slope === q.slope) continue;
      const t = (q.h + q.gap - q.slope * q.t - (p.h + p.gap - p.slope * p.t)) / (p.slope - q.slope);
      if (t > 0 && t < T) candidates.push(t);
    }
  }
  return Math.max(...candidates.map(envelope)) - achieved;
}
