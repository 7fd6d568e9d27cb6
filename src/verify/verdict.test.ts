import { describe, expect, test } from 'vitest';
import { compareAtLeast, compareEqual, sound, worstVerdict } from './verdict.js';

describe('an unknown error is never a pass', () => {
  test.each([Infinity, NaN])('compareAtLeast with error %d is undecided, whatever the margin', (err) => {
    for (const [lhs, rhs] of [
      [1, 0],
      [0, 1],
      [0, 0],
    ]) {
      const v = compareAtLeast('L ≥ R', lhs, err, rhs, 0);
      expect(v.status).toBe('undecided');
      expect(v.reason).toMatch(/unknown/);
    }
  });

  test.each([Infinity, NaN])('compareEqual with error %d is undecided', (err) => {
    expect(compareEqual('L = R', 1, err, 1, 0).status).toBe('undecided');
    expect(compareEqual('L = R', 1, 0, 2, err).status).toBe('undecided');
  });

  test('a NaN side is undecided, never holds or violated', () => {
    expect(compareAtLeast('L ≥ R', NaN, 0, 0, 0).status).toBe('undecided');
    expect(compareEqual('L = R', 0, 0, NaN, 0).status).toBe('undecided');
  });

  test('a hand-built holds with an unknown error is made undecided by sound and worstVerdict', () => {
    const built = { ...compareAtLeast('L ≥ R', 1, 0, 0, 0), error: Infinity };
    expect(built.status).toBe('holds');
    expect(sound(built).status).toBe('undecided');
    expect(worstVerdict([compareAtLeast('x', 1, 0, 0, 0), built]).status).toBe('undecided');
  });
});
