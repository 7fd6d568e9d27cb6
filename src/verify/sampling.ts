import type { Mdp } from '../mdp/mdp.js';
import { samplingDistribution, type Sampling } from '../mirror/sampling.js';
import { PolicyEvaluator } from '../policy/evaluatePolicy.js';
import type { Policy } from '../policy/policy.js';
import { compareAtLeast, outside, worstVerdict, type Verdict } from './verdict.js';

/**
 * The sampling distribution's hypotheses (Kuba et al. 2022, Section 3.1): β_π(s) > 0 for every s, and β_π continuous
 * in π. Checked at π and along π → π' (δ = 2⁻¹⁰, 2⁻²⁰, 2⁻³⁰: the change must shrink). `visitation` and `off-policy`
 * are positive exactly when every state is visited; when d lacks full support a zero is a property of the MDP, not of
 * the sampling operator, and the check is `outside`.
 */
export function checkSamplingAxioms(mdp: Mdp, sampling: Sampling, pi: Policy, other: Policy): Verdict {
  const S = mdp.numStates;
  const ev = new PolicyEvaluator(mdp);
  /** β at a policy and its certified ℓ1 error (ρ̄'s, for the visitation-based kinds; exact otherwise). */
  const betaAt = (p: Policy): [Float64Array, number] => {
    const e = ev.evaluate(p);
    const err = sampling.kind === 'visitation' || sampling.kind === 'off-policy' ? e.errorBound.visitation : 0;
    return [samplingDistribution(sampling, S, [e.visitation]), err];
  };
  const [beta, betaErr] = betaAt(pi);
  const dependsOnMdp = sampling.kind === 'visitation' || sampling.kind === 'off-policy';
  const verdicts: Verdict[] = [];
  for (let s = 0; s < S; s++) {
    if (beta[s] > 0) verdicts.push(compareAtLeast('β_π(s) > 0', beta[s], 0, 0, 0, { state: s }));
    else if (dependsOnMdp && mdp.initial.some((x) => x === 0)) {
      verdicts.push(
        outside('β_π(s) > 0', `ρ̄_π(${s}) = 0 and d lacks full support: a state nobody visits`, { state: s }),
      );
    } else {
      verdicts.push({
        ...compareAtLeast('β_π(s) > 0', beta[s], 0, 0, 0, { state: s }),
        status: 'violated',
        reason: `β(${s}) = ${beta[s]}`,
      });
    }
  }
  let noise = 0;
  const jumps = [2 ** -10, 2 ** -20, 2 ** -30].map((d) => {
    const [b, err] = betaAt(Float64Array.from(pi, (x, i) => (1 - d) * x + d * other[i]));
    noise = Math.max(noise, 4 * (err + betaErr));
    let j = 0;
    for (let s = 0; s < S; s++) j = Math.max(j, Math.abs(b[s] - beta[s]));
    return j;
  });
  const cont = compareAtLeast('β continuous in π: max_s |β_{π+δw}(s) − β_π(s)| → 0', 0, 0, jumps[2], noise, {
    delta: 2 ** -30,
  });
  verdicts.push(
    jumps.every((j) => j > noise) && jumps[2] >= jumps[0] / 2
      ? { ...cont, status: 'violated' }
      : { ...cont, status: 'holds' },
  );
  return worstVerdict(verdicts);
}
