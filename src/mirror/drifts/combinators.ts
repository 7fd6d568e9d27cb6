import {
  canonicalDrift,
  type Drift,
  type DriftContext,
  type QuadraticOfSeparable,
  type SeparableTerms,
} from './drift.js';

/** Separable terms times a context-dependent factor. */
function scaleSeparable(sep: SeparableTerms | undefined, k: (ctx: DriftContext) => number): SeparableTerms | undefined {
  return (
    sep && {
      term: (a, x, pi, ctx) => times(k(ctx), sep.term(a, x, pi, ctx)),
      derivative: (a, x, side, pi, ctx) => times(k(ctx), sep.derivative(a, x, side, pi, ctx)),
      curvature: sep.curvature && ((a, x, pi, ctx) => times(k(ctx), sep.curvature!(a, x, pi, ctx))),
      kinks: sep.kinks,
    }
  );
}

/** A quadratic-of-separable times a context-dependent factor. */
function scaleQuadratic(
  q: QuadraticOfSeparable | undefined,
  k: (ctx: DriftContext) => number,
): QuadraticOfSeparable | undefined {
  return q && { inner: q.inner, scale: (ctx) => k(ctx) * q.scale(ctx) };
}

/** A drift's value with +∞ kept and c·∞ = ∞ for c > 0, 0·D = 0. */
function times(c: number, d: number): number {
  return c === 0 ? 0 : c * d;
}

/** A drift's name as an operand in a spec (`parseDriftSpec`): parenthesised when it is a sum or a product. */
function operand(name: string): string {
  let depth = 0;
  for (const ch of name) {
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if ((ch === '+' || ch === '*') && depth === 0) return `(${name})`;
  }
  return name;
}

/** c · D for a constant c > 0. Keeps D's family (scale × c), convexity and domain. Named `c*D` (a drift spec). */
export function scaledDrift(drift: Drift, c: number, name = `${c}*${operand(drift.name)}`): Drift {
  if (!(c > 0 && Number.isFinite(c))) throw new RangeError(`scaledDrift: c=${c} must be positive and finite`);
  return canonicalDrift({
    name,
    convex: drift.convex,
    interiorOnly: drift.interiorOnly,
    value: (piBar, pi, ctx) => times(c, drift.value(piBar, pi, ctx)),
    gradient: drift.gradient
      ? (piBar, pi, ctx, out) => {
          drift.gradient!(piBar, pi, ctx, out);
          for (let a = 0; a < out.length; a++) out[a] *= c;
        }
      : undefined,
    family: drift.family ? { base: drift.family.base, scale: (ctx) => c * drift.family!.scale(ctx) } : undefined,
    separable: scaleSeparable(drift.separable, () => c),
    quadratic: scaleQuadratic(drift.quadratic, () => c),
  });
}

/** scale(ctx) · D with a positive scale that may depend on the state (or on anything else in the context). */
export function contextScaledDrift(drift: Drift, scale: (ctx: DriftContext) => number, name: string): Drift {
  const checked = (ctx: DriftContext) => {
    const k = scale(ctx);
    if (!(k >= 0 && Number.isFinite(k)))
      throw new RangeError(`${name}: scale ${k} at state ${ctx.state} must be finite and ≥ 0`);
    return k;
  };
  return canonicalDrift({
    name,
    convex: drift.convex,
    interiorOnly: drift.interiorOnly,
    value: (piBar, pi, ctx) => times(checked(ctx), drift.value(piBar, pi, ctx)),
    gradient: drift.gradient
      ? (piBar, pi, ctx, out) => {
          drift.gradient!(piBar, pi, ctx, out);
          const k = checked(ctx);
          for (let a = 0; a < out.length; a++) out[a] *= k;
        }
      : undefined,
    family: drift.family
      ? { base: drift.family.base, scale: (ctx) => checked(ctx) * drift.family!.scale(ctx) }
      : undefined,
    separable: scaleSeparable(drift.separable, checked),
    quadratic: scaleQuadratic(drift.quadratic, checked),
  });
}

/**
 * scales[s mod n]·D: a positive scale per state (cycled over the states), named `state[k0,k1,…](D)` (a drift spec).
 */
export function stateScaledDrift(drift: Drift, scales: readonly number[]): Drift {
  for (const k of scales)
    if (!(k > 0 && Number.isFinite(k))) throw new RangeError(`stateScaledDrift: scale ${k} must be > 0`);
  return contextScaledDrift(
    drift,
    (ctx) => scales[ctx.state % scales.length],
    `state[${scales.join(',')}](${drift.name})`,
  );
}

/** A nonnegative combination Σ_k c_k·D_k (c_k ≥ 0): a drift again (Definition 1 is closed under it). */
export function sumDrift(terms: readonly { drift: Drift; weight: number }[], name?: string): Drift {
  for (const t of terms) {
    if (!(t.weight >= 0 && Number.isFinite(t.weight))) throw new RangeError(`sumDrift: weight ${t.weight} must be ≥ 0`);
  }
  const live = terms.filter((t) => t.weight > 0);
  const bases = new Set(live.map((t) => t.drift.family?.base));
  const sameFamily = live.length > 0 && bases.size === 1 && !bases.has(undefined);
  const withGradient = live.every((t) => t.drift.gradient);
  return canonicalDrift({
    name:
      name ??
      live.map((t) => (t.weight === 1 ? operand(t.drift.name) : `${t.weight}*${operand(t.drift.name)}`)).join('+'),
    convex: live.every((t) => t.drift.convex),
    interiorOnly: live.some((t) => t.drift.interiorOnly),
    value(piBar, pi, ctx) {
      let d = 0;
      for (const t of live) d += times(t.weight, t.drift.value(piBar, pi, ctx));
      return d;
    },
    gradient: withGradient
      ? (piBar, pi, ctx, out) => {
          out.fill(0);
          const g = new Float64Array(out.length);
          for (const t of live) {
            t.drift.gradient!(piBar, pi, ctx, g);
            for (let a = 0; a < out.length; a++) out[a] += t.weight * g[a];
          }
        }
      : undefined,
    family: sameFamily
      ? {
          base: live[0].drift.family!.base,
          scale: (ctx) => live.reduce((s, t) => s + t.weight * t.drift.family!.scale(ctx), 0),
        }
      : undefined,
    separable: live.every((t) => t.drift.separable)
      ? {
          term: (a, x, pi, ctx) =>
            live.reduce((s, t) => s + times(t.weight, t.drift.separable!.term(a, x, pi, ctx)), 0),
          derivative: (a, x, side, pi, ctx) =>
            live.reduce((s, t) => s + times(t.weight, t.drift.separable!.derivative(a, x, side, pi, ctx)), 0),
          curvature: live.every((t) => t.drift.separable!.curvature)
            ? (a, x, pi, ctx) =>
                live.reduce((s, t) => s + times(t.weight, t.drift.separable!.curvature!(a, x, pi, ctx)), 0)
            : undefined,
          kinks: (a, pi, ctx) => live.flatMap((t) => t.drift.separable!.kinks?.(a, pi, ctx) ?? []),
        }
      : undefined,
    quadratic: live.length === 1 ? scaleQuadratic(live[0].drift.quadratic, () => live[0].weight) : undefined,
  });
}

/** A monotone transform f with f(0) = 0, f nondecreasing, f′(0) finite: f∘D is a drift whenever D is. */
export interface DriftTransform {
  readonly name: string;
  f(x: number): number;
  derivative(x: number): number;
  /** f convex and nondecreasing: then f∘D is convex when D is. */
  readonly convexNondecreasing: boolean;
}

/** The transforms, by spec name: `linsq` x + x², `log1p`, `satexp` 1 − e⁻ˣ, `satfrac` x/(1 + x), `square` x². */
export const DRIFT_TRANSFORMS: readonly DriftTransform[] = [
  { name: 'linsq', f: (x) => x + x * x, derivative: (x) => 1 + 2 * x, convexNondecreasing: true },
  { name: 'log1p', f: (x) => Math.log1p(x), derivative: (x) => 1 / (1 + x), convexNondecreasing: false },
  { name: 'satexp', f: (x) => -Math.expm1(-x), derivative: (x) => Math.exp(-x), convexNondecreasing: false },
  {
    name: 'satfrac',
    f: (x) => (x === Infinity ? 1 : x / (1 + x)),
    derivative: (x) => 1 / (1 + x) ** 2,
    convexNondecreasing: false,
  },
  { name: 'square', f: (x) => x * x, derivative: (x) => 2 * x, convexNondecreasing: true },
];

/** f∘D for a monotone transform f (f(0) = 0, f′(0) finite). */
export function transformedDrift(drift: Drift, transform: DriftTransform): Drift {
  return canonicalDrift({
    name: `${transform.name}(${drift.name})`,
    convex: Boolean(drift.convex && transform.convexNondecreasing),
    interiorOnly: drift.interiorOnly,
    value: (piBar, pi, ctx) => transform.f(drift.value(piBar, pi, ctx)),
    gradient: drift.gradient
      ? (piBar, pi, ctx, out) => {
          const k = transform.derivative(drift.value(piBar, pi, ctx));
          drift.gradient!(piBar, pi, ctx, out);
          for (let a = 0; a < out.length; a++) out[a] = k === 0 ? 0 : k * out[a];
        }
      : undefined,
  });
}
