import { all, create, type MathNode } from 'mathjs';
import { InputError } from '../../errors.js';
import type { Drift, DriftContext } from '../../mirror/drifts/drift.js';
import {
  compileExpression,
  ELEMENTWISE,
  ELEMENTWISE_FUNCTIONS,
  Unsupported,
  xdivy,
  xlogy,
  zip,
  type Value,
} from './compileExpression.js';
import { guardDrift } from './guardDrift.js';
import { probeInputs } from './probeDrift.js';

/** Node types an expression may contain: no assignments, function definitions, blocks, ranges or objects. */
const ALLOWED_NODES = new Set([
  'ConstantNode',
  'SymbolNode',
  'OperatorNode',
  'ParenthesisNode',
  'FunctionNode',
  'ConditionalNode',
  'ArrayNode',
  'AccessorNode',
  'IndexNode',
]);

/** Functions an expression may call: arithmetic and elementwise maths on vectors of length |A|, nothing that allocates by an argument. */
const ALLOWED_FUNCTIONS = new Set([
  'sum',
  'prod',
  'mean',
  'max',
  'min',
  'abs',
  'sign',
  'sqrt',
  'cbrt',
  'square',
  'cube',
  'pow',
  'exp',
  'expm1',
  'log',
  'log1p',
  'log2',
  'log10',
  'dot',
  'norm',
  'add',
  'subtract',
  'multiply',
  'divide',
  'dotMultiply',
  'dotDivide',
  'dotPow',
  'unaryMinus',
  'floor',
  'ceil',
  'round',
  'sin',
  'cos',
  'tan',
  'tanh',
  'sinh',
  'cosh',
  'atan',
  'xlogy',
  'xdivy',
]);

/** Variables an expression sees. */
export const EXPRESSION_VARIABLES = ['pi', 'piBar', 'A', 's', 'gamma'] as const;

const MAX_LENGTH = 2000;

/**
 * A hardened mathjs instance: `import`, `createUnit`, `evaluate`, `parse`, `compile`, `simplify`, `derivative`,
 * `resolve` and `reviver` are replaced by functions that throw, so that a compiled expression cannot reach them. The
 * element-wise functions (`log`, `exp`, `sqrt`, …) are replaced by JavaScript's, applied entry by entry to vectors
 * (mathjs 15 refuses `log(v)` and `sqrt(v)` and returns complex numbers for `sqrt(-1)`), and `xlogy` is added: the
 * same functions the compiled evaluator uses.
 */
function hardenedMath() {
  const math = create(all, {});
  const parse = math.parse;
  const disabled = (name: string) => () => {
    throw new Error(`${name} is disabled in drift expressions`);
  };
  const vector = (x: unknown, name: string): number[] => {
    const arr = (math.isMatrix(x) ? (x as { toArray(): unknown[] }).toArray() : x) as unknown[];
    return arr.map((v) => {
      if (typeof v !== 'number') throw new TypeError(`${name} needs a vector of numbers`);
      return v;
    });
  };
  const elementwise = Object.fromEntries(
    ELEMENTWISE_FUNCTIONS.map((name) => {
      const f = ELEMENTWISE[name];
      return [name, math.typed(name, { number: f, 'Array | Matrix': (x: unknown) => vector(x, name).map(f) })];
    }),
  );
  const pairwise =
    (name: string, f: (x: number, y: number) => number) =>
    (x: unknown, y: unknown): number[] => {
      const value = (v: unknown): Value => (typeof v === 'number' ? v : Float64Array.from(vector(v, name)));
      return Array.from(zip(value(x), value(y), f) as Float64Array);
    };
  const withZero = (name: string, f: (x: number, y: number) => number) =>
    math.typed(name, {
      'number, number': f,
      'Array | Matrix, Array | Matrix': pairwise(name, f),
      'number, Array | Matrix': pairwise(name, f),
      'Array | Matrix, number': pairwise(name, f),
    });
  const logBase = (x: number, b: number) => Math.log(x) / Math.log(b);
  // Two imports: the new functions first, then the replacements, `import` itself last of all.
  math.import({ xlogy: withZero('xlogy', xlogy), xdivy: withZero('xdivy', xdivy) });
  math.import(
    {
      ...elementwise,
      log: math.typed('log', {
        number: Math.log,
        'Array | Matrix': (x: unknown) => vector(x, 'log').map(Math.log),
        // log(x, base), entry by entry where either is a vector (as the compiled evaluator does).
        'number, number': logBase,
        'Array | Matrix, Array | Matrix': pairwise('log', logBase),
        'number, Array | Matrix': pairwise('log', logBase),
        'Array | Matrix, number': pairwise('log', logBase),
      }),
      ...Object.fromEntries(
        ['import', 'createUnit', 'evaluate', 'parse', 'compile', 'simplify', 'derivative', 'resolve', 'reviver'].map(
          (n) => [n, disabled(n)],
        ),
      ),
    },
    { override: true },
  );
  return { parse };
}

const { parse } = hardenedMath();

/** Checks every node of a parsed expression against the allow-lists; throws an InputError naming the first offender. */
function checkNodes(root: MathNode, text: string): void {
  root.traverse((node, _path, parent) => {
    if (!ALLOWED_NODES.has(node.type)) {
      throw new InputError('--expr', `${JSON.stringify(text)}: ${node.type} (${node.toString()}) is not allowed`);
    }
    if (node.type === 'FunctionNode') {
      const fn = (node as unknown as { fn: MathNode }).fn;
      const name = fn.type === 'SymbolNode' ? (fn as unknown as { name: string }).name : '';
      if (!ALLOWED_FUNCTIONS.has(name)) {
        throw new InputError(
          '--expr',
          `${JSON.stringify(text)}: function ${JSON.stringify(fn.toString())} is not allowed (allowed: ${[...ALLOWED_FUNCTIONS].join(', ')})`,
        );
      }
    }
    if (node.type === 'SymbolNode') {
      const name = (node as unknown as { name: string }).name;
      const isCallee = parent?.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === node;
      if (
        !isCallee &&
        !(EXPRESSION_VARIABLES as readonly string[]).includes(name) &&
        name !== 'e' &&
        name !== 'Infinity'
      ) {
        throw new InputError(
          '--expr',
          `${JSON.stringify(text)}: unknown variable ${JSON.stringify(name)} (the expression sees ${EXPRESSION_VARIABLES.join(', ')})`,
        );
      }
    }
  });
}

/**
 * A drift from a mathjs expression in `pi`, `piBar` (the two action distributions, vectors of length |A|), `A` (the
 * advantage row A_π(s,·)), `s` (the state) and `gamma`, e.g. `5 * sum((piBar - pi).^2)`. Parsed once and checked
 * against allow-lists of node types, functions and variables (no definitions, no ranges, no `import`/`evaluate`/
 * `parse`), so an evaluation costs O(expression size × |A|): it cannot run away. Must return a number (+∞ allowed).
 * Evaluated by a closure compiled from the checked tree when it agrees with mathjs on probe inputs, else by mathjs.
 */
export function expressionDrift(text: string): Drift {
  if (text.trim() === '') throw new InputError('--expr', 'the expression is empty');
  if (text.length > MAX_LENGTH)
    throw new InputError('--expr', `the expression is ${text.length} characters long (at most ${MAX_LENGTH})`);
  let root: MathNode;
  try {
    root = parse(text);
  } catch (e) {
    throw new InputError('--expr', `${JSON.stringify(text)} does not parse: ${(e as Error).message}`);
  }
  checkNodes(root, text);
  const compiled = root.compile();
  const name = `expr:${text}`;
  const viaMathjs = (piBar: Float64Array, pi: Float64Array, ctx: DriftContext): number => {
    const out = compiled.evaluate({
      pi: Array.from(pi),
      piBar: Array.from(piBar),
      A: Array.from(ctx.advantage),
      s: ctx.state,
      gamma: ctx.gamma,
    });
    if (typeof out !== 'number') {
      const what =
        Array.isArray(out) || (out && typeof out === 'object' && 'size' in out)
          ? 'a vector (did you forget sum?)'
          : (out?.constructor?.name ?? typeof out);
      throw new TypeError(`the expression returned ${what}, not a number`);
    }
    return out;
  };
  const fast = fastEvaluator(root, viaMathjs);
  return guardDrift({ name, value: fast ?? viaMathjs }, name, false);
}

/**
 * A closure compiled from the checked tree (`compileExpression`, ~40× faster than mathjs's evaluation), used only if it
 * agrees with the hardened mathjs evaluation on 64 probe inputs (to 1e-12 relative; both failing counts as agreeing);
 * otherwise null, and mathjs evaluates every call.
 */
function fastEvaluator(
  root: MathNode,
  reference: (piBar: Float64Array, pi: Float64Array, ctx: DriftContext) => number,
): ((piBar: Float64Array, pi: Float64Array, ctx: DriftContext) => number) | null {
  let closure: ReturnType<typeof compileExpression>;
  try {
    closure = compileExpression(root);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
  const evaluate = (piBar: Float64Array, pi: Float64Array, ctx: DriftContext): number => {
    const out = closure({ pi, piBar, A: ctx.advantage, s: ctx.state, gamma: ctx.gamma });
    if (typeof out !== 'number')
      throw new TypeError('the expression returned a vector (did you forget sum?), not a number');
    return out;
  };
  const outcome = (f: () => number): number | 'error' => {
    try {
      const v = f();
      return Number.isNaN(v) ? 'error' : v;
    } catch {
      return 'error';
    }
  };
  for (const { piBar, pi, ctx } of probeInputs(64, 12345)) {
    const a = outcome(() => evaluate(piBar, pi, ctx));
    const b = outcome(() => reference(piBar, pi, ctx));
    const agree =
      a === b ||
      (typeof a === 'number' &&
        typeof b === 'number' &&
        Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b)));
    if (!agree) return null;
  }
  return evaluate;
}
