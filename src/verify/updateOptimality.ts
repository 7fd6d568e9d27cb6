import { penaltyWeight } from '../mirror/nu.js';
import { driftContexts } from '../mirror/drifts/driftContexts.js';
import { mirrorOperator } from '../mirror/mirrorOperator.js';
import { inNeighbourhood, membershipContext, neighbourhoodLoad } from '../mirror/neighbourhoods/membership.js';
import { roundingAllowance, UNIT_ROUNDOFF } from '../numeric/rounding.js';
import { objectiveResolution, rowGain, rowPoint } from './rowGain.js';
import type { Policy } from '../policy/policy.js';
import { stepStalls } from './stepStalls.js';
import type { Step } from './step.js';
import { compareAtLeast, compareEqual, outside, withReason, worstVerdict, type Verdict } from './verdict.js';

const GLOBAL = 'J(π_new) + gap ≥ J(π̄) for a feasible π̄ ∈ N(π_old)   (Eq. 5)';
const PER_STATE = 'φ_s(π_new) + gap_s ≥ φ_s(π̄) for a feasible π̄ (separable Eq. 5)';

/**
 * The update is the argmax of Eq. (5) (Kuba et al. 2022, Definition 3): for every feasible candidate π̄ ∈ N(π_old)
 * the computed π_new must be at least as good up to the solver's certified gap,
 *   J(π_new) + gap ≥ J(π̄),   J(π̄) = Σ_s β(s)·[M^π̄ V_old](s),
 * and, where the problem separates over states (the certificate has per-state gaps: no expected-divergence ball),
 * state by state, φ_s(π_new) + gap_s ≥ φ_s(π̄(·|s)) — each row of a feasible candidate is then feasible on its own.
 * Differences are computed row by row from ⟨x − y, Q⟩ and D(x) − D(y), with Q's error on the mass moved and the drift's
 * rounding noise. A candidate better beyond the error, the gap and the rounding resolution of φ at π_new
 * (`objectiveResolution`: no double-precision argmax is sharper) is `violated`: the solver is wrong, or — uncertified —
 * not the argmax. The states the update left unchanged are also probed by the stall test's moves (`stepStalls`).
 * Candidates that are not in N(π_old) are skipped; ν that depends on π̄ (TRL) is compared globally only.
 */
export function checkUpdateOptimality(step: Step, candidates: readonly Policy[]): Verdict {
  const { mdp, config, piOld, evOld, beta, piNew, update } = step;
  const S = mdp.numStates;
  if (!update) return outside(GLOBAL, 'π_new was not computed by the update');
  const membership = membershipContext(mdp, config.drift, evOld, beta);
  const notDistribution = rowsNotDistributions(piNew, mdp.numActions);
  if (notDistribution) return notDistribution;
  const verdicts: Verdict[] = [];
  // The update must return a policy of N(π_old): a neighbourhood load ≤ 1 (to the rounding of the load's sum).
  const load = neighbourhoodLoad(config.neighbourhood, piNew, piOld, membership);
  const loadError = 4 * (S + 2) * UNIT_ROUNDOFF;
  verdicts.push(compareAtLeast('π_new ∈ N(π_old): max ball load ≤ 1', 1, loadError, load, 0));
  const feasible = candidates.filter((c) => inNeighbourhood(config.neighbourhood, c, piOld, membership));
  const stalls = stepStalls(step);
  if (stalls) verdicts.push(...stalls.verdicts.filter((v) => v.status !== 'outside'));
  if (config.nu === 'max-state') {
    const mNew = mirrorOperator(mdp, config, piOld, evOld, beta, piNew);
    for (const [k, c] of feasible.entries()) verdicts.push(globalComparison(step, mNew, c, k));
    return verdicts.length ? worstVerdict(verdicts) : outside(GLOBAL, 'no feasible candidate');
  }
  const contexts = driftContexts(mdp, evOld);
  const nu = config.nu;
  const weights = Float64Array.from({ length: S }, (_, s) =>
    beta[s] > 0 ? penaltyWeight(nu, evOld.visitation, beta, s) : 0,
  );
  for (const [k, c] of feasible.entries()) verdicts.push(...rowComparisons(step, c, k, contexts, weights));
  return verdicts.length ? worstVerdict(verdicts) : outside(GLOBAL, 'no feasible candidate differs from π_new');
}

/** The update must return rows that are distributions (to the rounding of their sum): `violated` at the first that is not. */
function rowsNotDistributions(piNew: Policy, A: number): Verdict | null {
  for (let s = 0; s < piNew.length / A; s++) {
    let sum = 0;
    let bad = false;
    for (let a = 0; a < A; a++) {
      const x = piNew[s * A + a];
      bad ||= !(x >= 0 && x <= 1);
      sum += x;
    }
    if (bad || Math.abs(sum - 1) > 4 * (A + 1) * UNIT_ROUNDOFF) {
      return {
        ...compareEqual('π_new(·|s) is a distribution', bad ? NaN : sum, 0, 1, 0, { state: s }),
        status: 'violated',
        reason: `the update returned row ${s} = [${Array.from(piNew.subarray(s * A, (s + 1) * A)).join(', ')}]`,
      };
    }
  }
  return null;
}

/** J(π_new) + gap ≥ J(π̄) from the mirror operator of both (ν depends on π̄, as for TRL: no per-state split). */
function globalComparison(step: Step, mNew: ReturnType<typeof mirrorOperator>, candidate: Policy, k: number): Verdict {
  const { mdp, config, piOld, evOld, beta, update } = step;
  const S = mdp.numStates;
  const mc = mirrorOperator(mdp, config, piOld, evOld, beta, candidate);
  let jNew = 0;
  let jC = 0;
  let err = 0;
  for (let s = 0; s < S; s++) {
    if (!(beta[s] > 0)) continue;
    jNew += beta[s] * mNew.value[s];
    jC += beta[s] * mc.value[s];
    err += beta[s] * (mNew.error[s] + mc.error[s]);
  }
  const gap = update!.certificate.optimalityGap ?? 0;
  const rounding = roundingAllowance(2 * S, Math.abs(jNew) + Math.abs(jC));
  return compareAtLeast(GLOBAL, jNew, err + gap, jC, rounding, { candidate: k });
}

/**
 * Candidate k against π_new row by row: per state where the problem separates (the certificate has state gaps), and
 * as a whole, J(π_new) + gap ≥ J(π̄), from the rows' gains ⟨x − y, Q⟩ − (ν/β)(D(x) − D(y)).
 */
function rowComparisons(
  step: Step,
  c: Policy,
  k: number,
  contexts: ReturnType<typeof driftContexts>,
  weights: Float64Array,
): Verdict[] {
  const { mdp, config, piOld, evOld, beta, piNew, update } = step;
  const { numStates: S, numActions: A } = mdp;
  const { optimalityGap: gap, stateGaps } = update!.certificate;
  const verdicts: Verdict[] = [];
  let total = 0;
  let totalError = 0;
  let resolution = 0;
  let infinite = false;
  // A candidate with an infinite drift at some state has J = −∞: it is no competitor as a whole. (Its other rows
  // are still compared state by state where the problem separates; globally, dropping that row and keeping the rest
  // would compare a hybrid policy that an expected ball need not contain — a false alarm found by a ×10 run, χ² and
  // KL(π‖π̄) in an expected L2 ball: "candidate beats π_new by 1.06" from rows 2 while its row 3 was infinite.)
  let dominated = false;
  for (let s = 0; s < S; s++) {
    if (!(beta[s] > 0)) continue;
    const x = c.subarray(s * A, (s + 1) * A);
    const y = piNew.subarray(s * A, (s + 1) * A);
    let same = true;
    for (let a = 0; a < A && same; a++) same = x[a] === y[a];
    if (same) continue;
    const pi = piOld.subarray(s * A, (s + 1) * A);
    const q = evOld.q.subarray(s * A, (s + 1) * A);
    const own = rowPoint(config.drift, y, pi, contexts[s]);
    const g = rowGain(q, evOld.errorBound.q, weights[s], rowPoint(config.drift, x, pi, contexts[s]), own);
    const floor = objectiveResolution(q, weights[s], own);
    resolution += beta[s] * floor;
    if (g.gain === -Infinity) {
      dominated = true; // the candidate's row has an infinite drift: it is no competitor there, nor as a whole
      continue;
    }
    if (g.gain === Infinity) {
      infinite = true; // π_new's own row has an infinite drift while a candidate's is finite
      continue;
    }
    total += beta[s] * g.gain;
    totalError += beta[s] * g.error;
    if (stateGaps) {
      const gs = (Number.isFinite(stateGaps[s]) ? stateGaps[s] : 0) + floor;
      const v = compareAtLeast(PER_STATE, 0, 0, g.gain, g.error + gs, { candidate: k, state: s });
      const why = `row ${s} of candidate ${k} beats π_new's by ${g.gain} (certified gap ${stateGaps[s]}): the update is not the argmax`;
      verdicts.push(v.status === 'violated' ? withReason(v, why) : v);
    }
  }
  if (infinite) {
    verdicts.push({
      ...compareAtLeast(GLOBAL, -Infinity, 0, 0, 0, { candidate: k }),
      status: 'violated',
      reason: `π_new has an infinite drift where feasible candidate ${k} has a finite one`,
    });
    return verdicts;
  }
  if (dominated) return verdicts;
  const allowance = (gap === null ? 0 : gap) + resolution;
  const v = compareAtLeast(GLOBAL, 0, 0, total, totalError + allowance + roundingAllowance(S, Math.abs(total)), {
    candidate: k,
  });
  const why = `feasible candidate ${k} beats π_new by ${total} (certified gap ${gap ?? 'none'}): the update is not the argmax`;
  verdicts.push(v.status === 'violated' ? withReason(v, why) : v);
  return verdicts;
}
