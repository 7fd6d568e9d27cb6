import { InputError } from '../../errors.js';
import type { Drift, DriftContext } from '../../mirror/drifts/drift.js';

/** One probe input of a drift: π̄, π and a context. */
export interface ProbeInput {
  readonly piBar: Float64Array;
  readonly pi: Float64Array;
  readonly ctx: DriftContext;
}

/**
 * Deterministic small inputs for probing a drift: |A| = 1 … 4, rows uniform, random, or with zeros, π̄ = π every fourth
 * time, states 0 … 5, advantages in [−2, 2).
 */
export function probeInputs(count: number, seed: number): ProbeInput[] {
  let state = seed;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return Array.from({ length: count }, (_, k) => {
    const A = 1 + (k % 4);
    const row = (kind: number) => {
      const w = Float64Array.from({ length: A }, (_, a) =>
        kind === 0 ? 1 : kind === 1 && a % 2 === 1 ? 0 : random() + 1e-3,
      );
      const total = w.reduce((x, y) => x + y, 0);
      return w.map((x) => x / total);
    };
    const pi = row(k % 3);
    const piBar = k % 4 === 0 ? Float64Array.from(pi) : row((k + 1) % 3);
    const ctx: DriftContext = {
      state: k % 6,
      advantage: Float64Array.from({ length: A }, () => 4 * random() - 2),
      maxAbsAdvantage: 2,
      gamma: 0.9,
    };
    return { piBar, pi, ctx };
  });
}

/**
 * Calls a user's drift on 48 probe inputs before the gate starts: a drift that throws, returns NaN or a non-number
 * fails here with one line naming the input (exit 2), instead of as an ERROR in every cell of the table.
 */
export function probeDrift(drift: Drift): void {
  for (const { piBar, pi, ctx } of probeInputs(48, 2022)) {
    try {
      drift.value(piBar, pi, ctx);
    } catch (e) {
      throw new InputError('drift', (e as Error).message);
    }
  }
}
