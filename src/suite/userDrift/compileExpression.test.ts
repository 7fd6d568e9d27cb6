import fc from 'fast-check';
import { parse } from 'mathjs';
import { describe, expect, test } from 'vitest';
import { compileExpression, type ExpressionScope, type Value } from './compileExpression.js';

/** The reducers as they were before they were resolved at compile time: flatten, then reduce / spread (the reference). */
function reference(name: string, args: Value[]): number {
  const xs = args.flatMap((a) => (typeof a === 'number' ? [a] : Array.from(a)));
  switch (name) {
    case 'sum':
      return xs.reduce((a, b) => a + b, 0);
    case 'prod':
      return xs.reduce((a, b) => a * b, 1);
    case 'mean':
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    case 'max':
      return Math.max(...xs);
    default:
      return Math.min(...xs);
  }
}

const entry = fc.oneof(
  fc.double({ noDefaultInfinity: false }),
  fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1e-300, -1e-300),
);
const vector = fc.array(entry, { minLength: 1, maxLength: 5 }).map((xs) => Float64Array.from(xs));

describe('compileExpression: reducers resolved at compile time', () => {
  test.each(['sum', 'prod', 'mean', 'max', 'min'])(
    '%s of one or two arguments (vectors or numbers) is bitwise the flatten-and-reduce result, NaN and ±0 included',
    (name) => {
      fc.assert(
        fc.property(vector, vector, entry, fc.constantFrom('v', 'v,w', 'v,x', 'x,v', 'x,x'), (v, w, x, shape) => {
          const w2 = Float64Array.from({ length: v.length }, (_, i) => w[i % w.length]);
          const scope: ExpressionScope = { pi: v, piBar: w2, A: v, s: x, gamma: 0 };
          const args = shape.split(',').map((k) => (k === 'v' ? 'pi' : k === 'w' ? 'piBar' : 's'));
          const values = args.map((a) => (a === 'pi' ? v : a === 'piBar' ? w2 : x));
          const got = compileExpression(parse(`${name}(${args.join(', ')})`))(scope) as number;
          expect(Object.is(got, reference(name, values)), `${name}(${shape}) = ${got}`).toBe(true);
        }),
        { numRuns: 300 },
      );
    },
  );
});
