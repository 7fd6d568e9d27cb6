import type { MathNode } from 'mathjs';

/** A value of an expression: a scalar or a vector of length |A|. */
export type Value = number | Float64Array;
/** The variables an expression is evaluated with. */
export interface ExpressionScope {
  pi: Float64Array;
  piBar: Float64Array;
  A: Float64Array;
  s: number;
  gamma: number;
}
type Compiled = (scope: ExpressionScope) => Value;

/** Thrown at compile time for a construct the fast evaluator does not cover (the caller falls back to mathjs). */
export class Unsupported extends Error {}

const isVec = (x: Value): x is Float64Array => typeof x !== 'number';
const fail = (what: string): never => {
  throw new Unsupported(what);
};

function map(x: Value, f: (v: number) => number): Value {
  if (!isVec(x)) return f(x);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = f(x[i]);
  return out;
}
/** f entry by entry over two values, a number standing for every entry (the one broadcast both evaluators use). */
export function zip(x: Value, y: Value, f: (a: number, b: number) => number): Value {
  if (!isVec(x) && !isVec(y)) return f(x, y);
  const n = isVec(x) ? x.length : (y as Float64Array).length;
  if (isVec(x) && isVec(y) && x.length !== y.length)
    throw new RangeError(`dimension mismatch (${x.length} ≠ ${y.length})`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(isVec(x) ? x[i] : x, isVec(y) ? y[i] : y);
  return out;
}
function flat(args: Value[]): number[] {
  return args.flatMap((a) => (isVec(a) ? Array.from(a) : [a]));
}
function scalar(x: Value, what: string): number {
  if (isVec(x)) throw new TypeError(`${what} needs a number, got a vector`);
  return x;
}

/**
 * x·log(y) with 0·log(y) = 0 for every y but NaN: the entropy convention, so KL(π‖π̄) is
 * `sum(xlogy(pi, pi) - xlogy(pi, piBar))` (not `xlogy(pi, pi ./ piBar)`: 0/0 is NaN where π = π̄ = 0).
 */
export function xlogy(x: number, y: number): number {
  return x === 0 && !Number.isNaN(y) ? 0 : x * Math.log(y);
}

/** x/y with 0/(anything) = 0: χ² is `sum(xdivy((piBar - pi).^2, pi))`, 0 where π̄ = π = 0. */
export function xdivy(x: number, y: number): number {
  return x === 0 && !Number.isNaN(y) ? 0 : x / y;
}

/**
 * Functions applied entry by entry to a vector (and to a number as itself), in JavaScript's own double arithmetic:
 * `sqrt(-1)` is NaN, never a complex number. The hardened mathjs instance (`expressionDrift`) uses the same functions,
 * so both evaluators agree.
 */
export const ELEMENTWISE: Readonly<Record<string, (v: number) => number>> = {
  abs: Math.abs,
  sign: Math.sign,
  sqrt: Math.sqrt,
  cbrt: Math.cbrt,
  square: (v) => v * v,
  cube: (v) => v * v * v,
  exp: Math.exp,
  expm1: Math.expm1,
  log1p: Math.log1p,
  log2: Math.log2,
  log10: Math.log10,
  floor: Math.floor,
  ceil: Math.ceil,
  round: Math.round,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  tanh: Math.tanh,
  sinh: Math.sinh,
  cosh: Math.cosh,
  atan: Math.atan,
  unaryMinus: (v) => -v,
  unaryPlus: (v) => v,
};
/**
 * Of those, the ones the hardened mathjs instance takes over (the unary operators are `-x`, `+x`; `floor`, `ceil` and
 * `round` keep mathjs's own semantics — `round(x, n)`, halves away from zero — and a compiled closure that disagrees
 * with them on the probe inputs is not used).
 */
export const ELEMENTWISE_FUNCTIONS = Object.keys(ELEMENTWISE).filter(
  (n) => !n.startsWith('unary') && !['floor', 'ceil', 'round'].includes(n),
);

const BINARY: Record<string, (x: Value, y: Value) => Value> = {
  add: (x, y) => zip(x, y, (a, b) => a + b),
  subtract: (x, y) => zip(x, y, (a, b) => a - b),
  dotMultiply: (x, y) => zip(x, y, (a, b) => a * b),
  dotDivide: (x, y) => zip(x, y, (a, b) => a / b),
  dotPow: (x, y) => zip(x, y, (a, b) => a ** b),
  multiply: (x, y) => {
    // mathjs: vector · vector is the dot product; a scalar scales.
    if (isVec(x) && isVec(y)) return dot(x, y);
    return zip(x, y, (a, b) => a * b);
  },
  divide: (x, y) => (isVec(y) ? fail('division by a vector') : zip(x, y, (a, b) => a / b)),
  pow: (x, y) => (isVec(x) || isVec(y) ? fail('^ of a vector (use .^)') : x ** y),
  mod: (x, y) => zip(x, y, (a, b) => (b === 0 ? a : a - b * Math.floor(a / b))),
  xlogy: (x, y) => zip(x, y, xlogy),
  xdivy: (x, y) => zip(x, y, xdivy),
  larger: (x, y) => Number(scalar(x, '>') > scalar(y, '>')),
  smaller: (x, y) => Number(scalar(x, '<') < scalar(y, '<')),
  largerEq: (x, y) => Number(scalar(x, '>=') >= scalar(y, '>=')),
  smallerEq: (x, y) => Number(scalar(x, '<=') <= scalar(y, '<=')),
  equal: (x, y) => Number(scalar(x, '==') === scalar(y, '==')),
  unequal: (x, y) => Number(scalar(x, '!=') !== scalar(y, '!=')),
  and: (x, y) => Number(Boolean(scalar(x, 'and')) && Boolean(scalar(y, 'and'))),
  or: (x, y) => Number(Boolean(scalar(x, 'or')) || Boolean(scalar(y, 'or'))),
};

function dot(x: Float64Array, y: Float64Array): number {
  if (x.length !== y.length) throw new RangeError(`dimension mismatch (${x.length} ≠ ${y.length})`);
  let d = 0;
  for (let i = 0; i < x.length; i++) d += x[i] * y[i];
  return d;
}

/** max's order on numbers, as Math.max: NaN wins, and +0 beats −0. */
function above(v: number, m: number): boolean {
  return v > m || Number.isNaN(v) || (v === 0 && m === 0 && Object.is(m, -0));
}
/** min's order on numbers, as Math.min: NaN wins, and −0 beats +0. */
function below(v: number, m: number): boolean {
  return v < m || Number.isNaN(v) || (v === 0 && m === 0 && Object.is(v, -0));
}

/**
 * sum, prod, mean, max and min of every entry of their arguments, in the order `flat(args).reduce(…)` took them (so
 * the same rounding), without flattening into an array: one or two arguments (more go through `callFunction`).
 */
const REDUCERS: Readonly<Record<string, (x: Value, y: Value | undefined, z: undefined) => number>> = {
  sum: (x, y) => {
    let t = 0;
    if (isVec(x)) for (let i = 0; i < x.length; i++) t += x[i];
    else t += x;
    if (y !== undefined) {
      if (isVec(y)) for (let i = 0; i < y.length; i++) t += y[i];
      else t += y;
    }
    return t;
  },
  prod: (x, y) => {
    let t = 1;
    if (isVec(x)) for (let i = 0; i < x.length; i++) t *= x[i];
    else t *= x;
    if (y !== undefined) {
      if (isVec(y)) for (let i = 0; i < y.length; i++) t *= y[i];
      else t *= y;
    }
    return t;
  },
  mean: (x, y) => {
    const n = (isVec(x) ? x.length : 1) + (y === undefined ? 0 : isVec(y) ? y.length : 1);
    return REDUCERS.sum(x, y, undefined) / n;
  },
  max: (x, y) => {
    let m = -Infinity;
    if (isVec(x)) for (let i = 0; i < x.length; i++) m = above(x[i], m) ? x[i] : m;
    else m = above(x, m) ? x : m;
    if (y !== undefined) {
      if (isVec(y)) for (let i = 0; i < y.length; i++) m = above(y[i], m) ? y[i] : m;
      else m = above(y, m) ? y : m;
    }
    return m;
  },
  min: (x, y) => {
    let m = Infinity;
    if (isVec(x)) for (let i = 0; i < x.length; i++) m = below(x[i], m) ? x[i] : m;
    else m = below(x, m) ? x : m;
    if (y !== undefined) {
      if (isVec(y)) for (let i = 0; i < y.length; i++) m = below(y[i], m) ? y[i] : m;
      else m = below(y, m) ? y : m;
    }
    return m;
  },
};

function callFunction(name: string, args: Value[]): Value {
  if (ELEMENTWISE[name] && args.length === 1) return map(args[0], ELEMENTWISE[name]);
  if (BINARY[name] && args.length === 2) return BINARY[name](args[0], args[1]);
  switch (name) {
    case 'sum': {
      if (args.length === 1 && isVec(args[0])) {
        let t = 0;
        for (const v of args[0]) t += v;
        return t;
      }
      return flat(args).reduce((a, b) => a + b, 0);
    }
    case 'prod':
      return flat(args).reduce((a, b) => a * b, 1);
    case 'mean': {
      const xs = flat(args);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    }
    case 'max':
      return Math.max(...flat(args));
    case 'min':
      return Math.min(...flat(args));
    case 'log':
      if (args.length === 1) return map(args[0], Math.log);
      return zip(args[0], args[1], (a, b) => Math.log(a) / Math.log(b));
    case 'dot':
      if (args.length === 2 && isVec(args[0]) && isVec(args[1])) return dot(args[0], args[1]);
      return fail('dot of non-vectors');
    case 'norm': {
      const v = args[0];
      const p = args.length > 1 ? scalar(args[1], 'norm order') : 2;
      const xs = isVec(v) ? Array.from(v) : [v];
      if (p === Infinity) return Math.max(...xs.map(Math.abs));
      return xs.reduce((a, b) => a + Math.abs(b) ** p, 0) ** (1 / p);
    }
    default:
      return fail(`function ${name}/${args.length}`);
  }
}

/**
 * Compiles a parsed (and allow-list-checked) mathjs expression to a closure over Float64Arrays with mathjs's
 * semantics for the supported subset (1-based indexing, vector·vector = dot product, ^ on scalars only). Anything
 * else throws Unsupported and the caller keeps mathjs's own evaluation.
 * Long on purpose (docs/architecture.md): one switch over mathjs node kinds, read top to bottom.
 */
export function compileExpression(node: MathNode): Compiled {
  const n = node as unknown as Record<string, unknown> & MathNode;
  switch (node.type) {
    case 'ConstantNode': {
      const v = n.value;
      if (typeof v !== 'number') return fail('a non-numeric constant');
      return () => v;
    }
    case 'SymbolNode': {
      const name = n.name as string;
      if (name === 'e') return () => Math.E;
      if (name === 'Infinity') return () => Infinity;
      if (!['pi', 'piBar', 'A', 's', 'gamma'].includes(name)) return fail(`symbol ${name}`);
      const key = name as keyof ExpressionScope;
      return (scope) => scope[key];
    }
    case 'ParenthesisNode':
      return compileExpression(n.content as MathNode);
    case 'OperatorNode':
    case 'FunctionNode': {
      const name =
        node.type === 'OperatorNode'
          ? (n.fn as string)
          : (n.fn as MathNode).type === 'SymbolNode'
            ? (n.fn as unknown as { name: string }).name
            : fail('a computed function');
      const args = (n.args as MathNode[]).map(compileExpression);
      if (name === 'not') return (scope) => Number(!scalar(args[0](scope), 'not'));
      // Resolve the operation once, so that an unsupported one is found at compile time.
      if (!(ELEMENTWISE[name] && args.length === 1) && !(BINARY[name] && args.length === 2)) {
        if (!['sum', 'prod', 'mean', 'max', 'min', 'log', 'dot', 'norm'].includes(name))
          fail(`function ${name}/${args.length}`);
      }
      // The operation resolved to its function once, here: per call no name lookup, no argument array, no flattening
      // (the evaluator's string dispatch and `flat` were most of a value-only gate's time).
      const [a0, a1] = args;
      if (ELEMENTWISE[name] && args.length === 1) {
        const f = ELEMENTWISE[name];
        return (scope) => map(a0(scope), f);
      }
      if (BINARY[name] && args.length === 2) {
        const g = BINARY[name];
        return (scope) => g(a0(scope), a1(scope));
      }
      const reduce = REDUCERS[name] as (typeof REDUCERS)[string] | undefined;
      if (reduce && args.length === 1) return (scope) => reduce(a0(scope), undefined, undefined);
      if (reduce && args.length === 2) return (scope) => reduce(a0(scope), a1(scope), undefined);
      if (args.length === 1) return (scope) => callFunction(name, [a0(scope)]);
      if (args.length === 2) return (scope) => callFunction(name, [a0(scope), a1(scope)]);
      return (scope) =>
        callFunction(
          name,
          args.map((a) => a(scope)),
        );
    }
    case 'ConditionalNode': {
      const c = compileExpression(n.condition as MathNode);
      const t = compileExpression(n.trueExpr as MathNode);
      const f = compileExpression(n.falseExpr as MathNode);
      return (scope) => (scalar(c(scope), 'a condition') ? t(scope) : f(scope));
    }
    case 'ArrayNode': {
      const items = (n.items as MathNode[]).map(compileExpression);
      return (scope) => Float64Array.from(items, (it) => scalar(it(scope), 'an array entry'));
    }
    case 'AccessorNode': {
      const object = compileExpression(n.object as MathNode);
      const index = n.index as unknown as { dimensions: MathNode[] };
      if (index.dimensions.length !== 1) return fail('multi-dimensional indexing');
      const at = compileExpression(index.dimensions[0]);
      return (scope) => {
        const v = object(scope);
        const i = scalar(at(scope), 'an index');
        if (!isVec(v) || !Number.isInteger(i) || i < 1 || i > v.length) throw new RangeError(`index ${i} out of range`);
        return v[i - 1];
      };
    }
    default:
      return fail(node.type);
  }
}
