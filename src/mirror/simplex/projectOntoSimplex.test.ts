import fc from 'fast-check';
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

test('the sort by insertion orders as a stable sort by y descending would (ties by index), weights and all', () => {
  // The reference: the projection's definition with the library sort (the implementation before issue 11's scratch).
  const reference = (y: Float64Array, w: Float64Array | null): Float64Array => {
    const order = Array.from(y, (_, a) => a).filter((a) => (w ? w[a] > 0 : true));
    order.sort((i, j) => y[j] - y[i] || i - j);
    const top = order.length ? y[order[0]] : 0;
    let [sumWY, sumW, theta] = [0, 0, 0];
    for (let k = 0; k < order.length; k++) {
      const a = order[k];
      const wa = w ? w[a] : 1;
      const t = (sumWY + wa * (y[a] - top) - 1) / (sumW + wa);
      if (k > 0 && y[a] - top <= t) break;
      [sumWY, sumW, theta] = [sumWY + wa * (y[a] - top), sumW + wa, t];
    }
    const out = Float64Array.from(y, (v, a) => {
      const wa = w ? w[a] : 1;
      return wa > 0 ? wa * Math.max(0, v - top - theta) : 0;
    });
    const total = out.reduce((s, v) => s + v, 0);
    return out.map((v) => v / total);
  };
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.constantFrom(0, 0.5, 1, -1), fc.double({ min: -3, max: 3, noNaN: true })), {
        minLength: 1,
        maxLength: 20,
      }),
      fc.option(fc.array(fc.constantFrom(0, 0.5, 1, 2), { minLength: 20, maxLength: 20 })),
      (ys, ws) => {
        const y = Float64Array.from(ys);
        const w = ws ? Float64Array.from(ws.slice(0, ys.length)) : null;
        if (w && !w.some((x) => x > 0)) w[0] = 1;
        const out = new Float64Array(y.length);
        projectOntoSimplex(y, w, out);
        expect(out).toEqual(reference(y, w));
      },
    ),
  );
});
