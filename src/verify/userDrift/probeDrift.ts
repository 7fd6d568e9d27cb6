import { InputError } from '../../errors.js';
import type { Drift, DriftContext } from '../../mirror/drifts/drift.js';

/**
 * Calls a user's drift on 48 small inputs before the gate starts (|A| = 1 … 4, rows uniform, random, with zeros,
 * π̄ = π and π̄ ≠ π, states 0 … 5): a drift that throws, returns NaN or a non-number fails here with one line naming
 * the input (exit 2), instead of as an ERROR in every cell of the table.
 */
export function probeDrift(drift: Drift): void {
  let seed = 2022;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let k = 0; k < 48; k++) {
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
    try {
      drift.value(piBar, pi, ctx);
    } catch (e) {
      throw new InputError('drift', (e as Error).message);
    }
  }
}
