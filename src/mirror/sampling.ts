import { InputError } from '../errors.js';

/**
 * The sampling distribution β_π (Kuba et al. 2022, Section 3.1): positive everywhere and continuous in π.
 * - `uniform`: β(s) = 1/S;
 * - `fixed`: a given full-support distribution;
 * - `visitation`: β = ρ̄_π of the old policy (on-policy: TRPO, PPO, MDPO); positive when d has full support;
 * - `off-policy`: β = (1/(n+1)) Σ_{i≤n} ρ̄_{π_i}, the average over the run so far (MDPO off-policy, Appendix E).
 */
export type Sampling =
  | { readonly kind: 'uniform' }
  | { readonly kind: 'fixed'; readonly weights: Float64Array }
  | { readonly kind: 'visitation' }
  | { readonly kind: 'off-policy' }
  | {
      /** Any other rule (e.g. a deliberately invalid one in the teeth registry, or a user's). */
      readonly kind: 'custom';
      readonly name: string;
      weights(S: number, visitationHistory: readonly Float64Array[]): Float64Array;
    };

/** β for the current step from ρ̄ of the old policy and the history of ρ̄'s (oldest first, current last). */
export function samplingDistribution(
  sampling: Sampling,
  S: number,
  visitationHistory: readonly Float64Array[],
): Float64Array {
  switch (sampling.kind) {
    case 'uniform':
      return new Float64Array(S).fill(1 / S);
    case 'fixed':
      if (sampling.weights.length !== S) {
        throw new InputError(
          '--sampling',
          `fixed weights have ${sampling.weights.length} entries, the MDP has ${S} states`,
        );
      }
      return Float64Array.from(sampling.weights);
    case 'visitation':
      return Float64Array.from(visitationHistory[visitationHistory.length - 1]);
    case 'off-policy': {
      const beta = new Float64Array(S);
      for (const rho of visitationHistory) for (let s = 0; s < S; s++) beta[s] += rho[s];
      for (let s = 0; s < S; s++) beta[s] /= visitationHistory.length;
      return beta;
    }
    case 'custom':
      return sampling.weights(S, visitationHistory);
  }
}

/** `uniform`, `visitation`, `off-policy`, or `fixed:<w0>,<w1>,…` (normalised; every weight must be > 0). */
export function parseSamplingSpec(spec: string, flag = '--sampling'): Sampling {
  if (spec === 'uniform' || spec === 'visitation' || spec === 'off-policy') return { kind: spec };
  if (spec.startsWith('fixed:')) {
    const parts = spec.slice(6).split(',');
    const w = parts.map((x) => Number(x));
    w.forEach((x, i) => {
      if (!(Number.isFinite(x) && x > 0)) {
        throw new InputError(
          flag,
          `${JSON.stringify(spec)}: weight ${i} = ${JSON.stringify(parts[i])} must be a number > 0 (β needs full support)`,
        );
      }
    });
    const total = w.reduce((a, b) => a + b, 0);
    return { kind: 'fixed', weights: Float64Array.from(w, (x) => x / total) };
  }
  throw new InputError(
    flag,
    `unknown sampling ${JSON.stringify(spec)} (known: uniform, visitation, off-policy, fixed:<w0>,<w1>,...)`,
  );
}
