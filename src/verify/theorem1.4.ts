import { roundingAllowance } from '../numeric/rounding.js';
import type { OptimalSolution } from '../policy/policyIteration.js';
import { stepStalls } from './stepStalls.js';
import { stateGap, zeroGradientFailure, type Step } from './step.js';
import { compareAtLeast, outside, withReason, worstVerdict, type Verdict } from './verdict.js';

const FIXED = 'π_new = π_old ⇒ V*(s) − V_{π_old}(s) ≤ max_s α̂(s)/(1−γ)';
const EDGE = 'η(π_new) > η(π_old) for an η-non-optimal π_old (policy-DAG edge)';

/**
 * Theorem 1.4 and its proof's two facts (Kuba et al. 2022, Section 3.2 and Appendix B; Definition 4):
 * - a fixed point of the update is optimal — tested state by state (`stepStalls`): at every state the update leaves
 *   unchanged, no action may have a certified positive advantage, unless no representable move toward it gains and the
 *   drift's quotients there shrink (the exact update moves by less than double precision resolves: `undecided`). A
 *   feasible move that gains is an engine failure and quotients that settle at a nonzero value a Definition 1
 *   counterexample, both `violated`. At a whole fixed point, V* − V must then be within what the measured hidden
 *   advantages α̂ allow, max_s α̂(s)/(1−γ) (performance difference; this replaces any a-priori resolution formula);
 * - a non-optimal π has a strictly better policy in N(π): when the update moves and π_old is η-non-optimal beyond its
 *   error, η(π_new) > η(π_old) — `violated` when η decreased beyond the certified error, `undecided` when the change
 *   is within it. Where the zero gradient is not claimed at a row with an improving action (an interior-only drift at
 *   a boundary row), this part is `outside`.
 */
export function checkTheorem1FixedPoint(step: Step, optimum: OptimalSolution): Verdict {
  const { mdp, piOld, evOld, evNew, config } = step;
  const { numStates: S, numActions: A, gamma } = mdp;
  const stalls = stepStalls(step);
  if (!stalls) return outside(FIXED, 'ν depends on π̄ (max-state): the stall test of the proof does not apply');
  const verdicts: Verdict[] = [...stalls.verdicts];
  if (stalls.unchanged.length === S) {
    let hidden = 0;
    let untested = -1;
    for (let s = 0; s < S; s++) {
      hidden = Math.max(hidden, stalls.hidden[s]);
      if (!Number.isFinite(stalls.hidden[s])) untested = s;
    }
    if (untested >= 0) {
      // β(s) = 0, or no representable feasible move at a state with an improving action (a boundary row where the
      // drift is +∞ off its support, or a ball without interior): the hypotheses fail there.
      verdicts.push(outside(FIXED, `the stall test cannot move state ${untested}: a hypothesis fails there`));
      return worstVerdict(verdicts);
    }
    const allowance = hidden / (1 - gamma);
    for (let s = 0; s < S; s++) {
      const gap = optimum.vStar[s] - evOld.v[s];
      verdicts.push(
        compareAtLeast(
          FIXED,
          allowance,
          roundingAllowance(2, allowance),
          gap,
          optimum.errorBound.v +
            evOld.errorBound.v +
            roundingAllowance(1, Math.abs(optimum.vStar[s]) + Math.abs(evOld.v[s])),
          { state: s },
        ),
      );
    }
    return worstVerdict(verdicts);
  }
  const etaGap = compareAtLeast(
    'η* ≥ η(π_old)',
    optimum.etaStar,
    optimum.errorBound.eta,
    evOld.eta,
    evOld.errorBound.eta,
  );
  if (etaGap.margin <= etaGap.error) {
    verdicts.push({ ...etaGap, status: 'holds', reason: 'π_old is η-optimal within its error: no edge needed' });
    return worstVerdict(verdicts);
  }
  for (let s = 0; s < S; s++) {
    const failure = zeroGradientFailure(config, piOld, A, s);
    let improvable = false;
    for (let a = 0; a < A && failure; a++) improvable ||= evOld.advantage[s * A + a] > evOld.errorBound.advantage;
    if (failure && improvable) {
      verdicts.push(outside(EDGE, failure));
      return worstVerdict(verdicts);
    }
  }
  const edge = compareAtLeast(
    EDGE,
    evNew.eta,
    evNew.errorBound.eta + roundingAllowance(1, Math.abs(evNew.eta)),
    evOld.eta,
    evOld.errorBound.eta,
  );
  const fall = certifiedFall(step);
  verdicts.push(
    edge.status === 'holds' && edge.margin <= edge.error
      ? withReason({ ...edge, status: 'undecided' }, 'the improvement is below the certified error')
      : edge.status === 'violated' && -edge.margin <= edge.error + fall
        ? withReason(
            { ...edge, status: 'undecided' },
            `η fell by ${-edge.margin}, within the ${fall} the update's certificate allows it to fall short of the exact update`,
          )
        : edge.status === 'violated'
          ? withReason(edge, 'η decreased: the update is no improving edge out of a non-optimal π')
          : edge,
  );
  return worstVerdict(verdicts);
}

/**
 * How far η may fall under the solver's update and still be consistent with its certificate. Reverting one state to
 * π_old is feasible, so at every state the row's advantage Ā(s) = ⟨π_new(·|s), Q_old(s,·)⟩ − V_old(s) ≥ −stateGap(s)
 * (the drift's and the ball's terms are ≥ 0 and vanish at π_old), and by the performance difference
 *   η(π_new) − η(π_old) = Σ_s ρ̄_new(s)·Ā(s)/(1 − γ) ≥ −Σ_s ρ̄_new(s)·stateGap(s)/(1 − γ),
 * with ρ̄_new's certified ℓ1 error on top. A fall within it is the certificate's slack, not the theorem's failure (an
 * L2 step in a KL ball moved a 1e-200 entry to 5e-324, certified to 7e-15, and η fell by 5e-322). 0 where a gap is
 * unknown (an uncertified row is taken as the update, as before) or nothing was solved.
 */
function certifiedFall(step: Step): number {
  const { evNew, mdp } = step;
  let total = 0;
  let largest = 0;
  for (let s = 0; s < mdp.numStates; s++) {
    const gap = stateGap(step, s);
    if (!Number.isFinite(gap)) return 0;
    total += evNew.visitation[s] * gap;
    largest = Math.max(largest, gap);
  }
  const fall = (total + evNew.errorBound.visitation * largest) / (1 - mdp.gamma);
  return fall + roundingAllowance(mdp.numStates + 2, fall);
}
