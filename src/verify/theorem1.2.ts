import type { MirrorRun } from '../mirror/mirrorLearning.js';
import { roundingAllowance } from '../numeric/rounding.js';
import { PolicyEvaluator } from '../policy/evaluatePolicy.js';
import { resolutionAt } from './fixedPointResolution.js';
import type { OptimalSolution } from '../policy/policyIteration.js';
import { failedHypotheses } from './step.js';
import { compareAtLeast, outside, worstVerdict, withReason, type Verdict } from './verdict.js';

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
  const { numStates: S } = mdp;
  const hyp = runHypotheses(run);
  if (hyp.length) return outside('V_{π_n} → V*', hyp[0]);
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
  const last = run.iterations[run.iterations.length - 1];
  const { resolution, slack } = resolutionAt(
    mdp,
    run.config,
    last.policy,
    new PolicyEvaluator(mdp).evaluate(last.policy),
    optimum,
    last.n > 0 ? (last.certificate?.optimalityGap ?? null) : 0,
    last.beta ?? new Float64Array(S).fill(1),
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
