import { describe, expect, test } from 'vitest';
import { DRIFT_TIE, maxDriftState, nuFor } from './nu.js';

describe('maxDriftState (TRL’s s_max)', () => {
  test('the largest drift, and among drifts tied with it to √u the lowest index (the convention for ties)', () => {
    expect(maxDriftState([0.1, 0.3, 0.2])).toBe(1);
    // TRL's exact update ties its active states; a computed one misses by ~1e-9 relative, either way.
    expect(maxDriftState([0.0016827624890778737, 0.0016827624877697304])).toBe(0);
    expect(maxDriftState([0.0016827644404385329, 0.0016827644405533128])).toBe(0);
    expect(maxDriftState([0, 7.295913576804e-3, 0, 7.295913577198e-3])).toBe(1);
    // Beyond the tie: a real difference.
    expect(maxDriftState([1, 1 + 4 * DRIFT_TIE])).toBe(1);
    expect(maxDriftState([0, 0, 0])).toBe(0);
    // A negative maximum (an invalid drift under test): its window lies below it too.
    expect(maxDriftState([-2, -1])).toBe(1);
    expect(maxDriftState([-Infinity, -1])).toBe(1);
    expect(maxDriftState([-1, -1 - 1e-12])).toBe(0);
    expect(maxDriftState([-1 - 1e-12, -1])).toBe(0);
  });

  test('ν = max-state is the Dirac at that state', () => {
    const nu = nuFor('max-state', new Float64Array(3), new Float64Array(3), Float64Array.from([0.5, 0.5 + 1e-12, 0.1]));
    expect(Array.from(nu)).toEqual([1, 0, 0]);
  });
});
