import { expect, test } from 'vitest';
import { fixedPointResolution } from './fixedPointResolution.js';

test('the resolution scales with the problem: rewards and drift scaled by 2⁻⁹⁰⁰ scale it by 2⁻⁹⁰⁰ (no underflow)', () => {
  const k = 2 ** -900;
  const floor = fixedPointResolution(0, 0, 2, 0, 0.9, 0);
  for (const [c, q, slack] of [
    [2.6, 2.9, 5e-3],
    [1e3, 0.1, 0],
    [0.5, 40, 1e-9],
  ]) {
    const one = fixedPointResolution(c, q, 2, 1e-15, 0.9, slack) - floor;
    const tiny = fixedPointResolution(c * k, q * k, 2, 1e-15 * k, 0.9, slack * k) - floor;
    expect(tiny / k).toBeCloseTo(one, 12);
  }
});
