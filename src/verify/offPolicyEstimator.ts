import { exactFraction as f } from '../numeric/exactFraction.js';
import type { Policy } from '../policy/policy.js';
import { exactVerdict, normalised } from './estimator.js';
import { outside, type Verdict } from './verdict.js';

/**
 * Unbiasedness of the off-policy estimator (Kuba et al. 2022, Appendix E), by exact enumeration at every state: with
 * a past policy π_hist ∼ h drawn from the buffer and a ∼ π_hist,
 *   E_{π_hist∼h, a∼π_hist}[ (π̄(a|s)/π_hist(a|s))·Q_old(s,a) ] = E_{a∼π̄}[Q_old(s,a)].
 * Needs supp π̄ ⊆ supp π_hist for every past policy with h > 0.
 */
export function checkOffPolicyEstimatorUnbiased(
  q: Float64Array,
  A: number,
  piBar: Policy,
  history: readonly Policy[],
  h: Float64Array,
): Verdict {
  const name = 'E_{π_hist∼h, a∼π_hist}[(π̄/π_hist)Q] = E_{a∼π̄}[Q]   (Appendix E)';
  const S = q.length / A;
  const hF = normalised(h);
  let worst: Verdict | null = null;
  for (let s = 0; s < S; s++) {
    let estimator = f(0);
    let target = f(0);
    const rowBar = normalised(piBar.subarray(s * A, (s + 1) * A));
    for (let a = 0; a < A; a++) target = target.add(rowBar[a].mul(f(q[s * A + a])));
    for (let i = 0; i < history.length; i++) {
      if (h[i] === 0) continue;
      for (let a = 0; a < A; a++) {
        const ph = history[i][s * A + a];
        const pb = piBar[s * A + a];
        if (ph === 0) {
          if (pb > 0) return outside(name, `π̄(${a}|${s}) > 0 = π_hist_${i}(${a}|${s})`, { state: s, action: a });
          continue;
        }
        const rowHist = normalised(history[i].subarray(s * A, (s + 1) * A));
        estimator = estimator.add(hF[i].mul(rowHist[a]).mul(rowBar[a].div(rowHist[a]).mul(f(q[s * A + a]))));
      }
    }
    const v = exactVerdict(name, estimator, target, { state: s });
    if (!worst || v.status === 'violated') worst = v;
    if (v.status === 'violated') break;
  }
  return { ...worst!, checked: S };
}
