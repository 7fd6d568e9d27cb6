import { expect, test } from 'vitest';
import { projectOntoSimplex } from './projectOntoSimplex.js';

test('projection of a point already on the simplex is itself', () => {
  const out = new Float64Array(3);
  projectOntoSimplex(Float64Array.from([0.25, 0.25, 0.5]), null, out);
  expect(Array.from(out)).toEqual([0.25, 0.25, 0.5]);
});

test('huge coordinates keep their unit mass (found by the Lemma 2 property: π + g/(2c) with c ≈ 3e-19)', () => {
  const out = new Float64Array(1);
  projectOntoSimplex(Float64Array.from([1.8e18]), null, out);
  expect(Array.from(out)).toEqual([1]);
  const two = new Float64Array(2);
  projectOntoSimplex(Float64Array.from([1e300, 1e300 - 1e285]), null, two);
  expect(Array.from(two)).toEqual([1, 0]);
  projectOntoSimplex(Float64Array.from([1e20, 1e20]), null, two);
  expect(Array.from(two)).toEqual([0.5, 0.5]);
});
