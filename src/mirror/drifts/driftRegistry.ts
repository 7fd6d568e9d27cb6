import { InputError } from '../../errors.js';
import { chiSquaredDrift } from './chiSquaredDrift.js';
import { DRIFT_TRANSFORMS, scaledDrift, stateScaledDrift, sumDrift, transformedDrift } from './combinators.js';
import type { Drift } from './drift.js';
import { forwardKlDrift } from './forwardKlDrift.js';
import { hellingerDrift } from './hellingerDrift.js';
import { logRatioSquaredDrift } from './logRatioSquaredDrift.js';
import { ppoClipDrift } from './ppoClipDrift.js';
import { reverseKlDrift } from './reverseKlDrift.js';
import { squaredL2Drift } from './squaredL2Drift.js';
import { squaredTvDrift } from './squaredTvDrift.js';
import { zeroDrift } from './zeroDrift.js';

/** A named drift family in the spec language `name[:parameter]`. */
export interface DriftKind {
  readonly name: string;
  readonly summary: string;
  /** What the parameter means, and its default. */
  readonly parameter: { meaning: string; fallback: number } | null;
  build(parameter: number): Drift;
}

const coefficient = { meaning: 'coefficient c > 0 (the drift is c·D)', fallback: 1 };
const scaled = (base: Drift) => (c: number) => (c === 1 ? base : scaledDrift(base, c, `${base.name}:${c}`));

/** The valid built-in drifts (Definition 1), by spec name. */
export const DRIFT_KINDS: readonly DriftKind[] = [
  { name: 'zero', summary: 'D = 0 (GPI)', parameter: null, build: () => zeroDrift },
  { name: 'kl', summary: 'c·KL(π‖π̄), forward (TRPO, PPO-KL)', parameter: coefficient, build: scaled(forwardKlDrift) },
  { name: 'rkl', summary: 'c·KL(π̄‖π), reverse (MDPO)', parameter: coefficient, build: scaled(reverseKlDrift) },
  { name: 'l2', summary: 'c·‖π̄ − π‖²', parameter: coefficient, build: scaled(squaredL2Drift) },
  { name: 'tv2', summary: 'c·(½‖π̄ − π‖₁)²', parameter: coefficient, build: scaled(squaredTvDrift) },
  {
    name: 'ppo',
    summary: 'PPO-clip drift E_π[ReLU((r − clip(r,1±ε))·A_π)]',
    parameter: { meaning: 'clip ε in (0, 1)', fallback: 0.2 },
    build: (eps) => ppoClipDrift(eps),
  },
  { name: 'hellinger', summary: 'c·Σ(√π̄ − √π)²', parameter: coefficient, build: scaled(hellingerDrift) },
  { name: 'chi2', summary: 'c·Σ(π̄ − π)²/π', parameter: coefficient, build: scaled(chiSquaredDrift) },
  {
    name: 'logratio2',
    summary: 'c·Σπ(log π̄/π)² (not convex)',
    parameter: coefficient,
    build: scaled(logRatioSquaredDrift),
  },
];

/** Parses a number in a spec string, naming the flag on failure. */
export function specNumber(flag: string, spec: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const x = Number(text);
  if (!Number.isFinite(x))
    throw new InputError(flag, `${JSON.stringify(spec)}: ${JSON.stringify(text)} is not a finite number`);
  return x;
}

/**
 * A drift spec: a built-in drift (`zero`, `kl:<c>`, `rkl:<c>`, `l2:<c>`, `tv2:<c>`, `ppo:<ε>`, `hellinger:<c>`,
 * `chi2:<c>`, `logratio2:<c>`), or a construction of them that Definition 1 is closed under (the names the
 * combinators give, so that a drawn construction replays from its name):
 *   `w1*D1+w2*D2` (nonnegative combination), `c*D` (scale), `<f>(D)` with f one of `DRIFT_TRANSFORMS` (`linsq`,
 *   `log1p`, `satexp`, `satfrac`, `square`), `state[k0,k1,…](D)` (a positive scale per state, cycled), `(D)`.
 */
export function parseDriftSpec(spec: string, flag = '--drift'): Drift {
  if (!/[()*+[]/.test(spec)) return parseAtom(spec, flag);
  const parser = new SpecParser(spec, flag);
  const drift = parser.sum();
  parser.end();
  return drift;
}

/** One built-in drift, `name[:parameter]`. */
function parseAtom(spec: string, flag: string): Drift {
  const [name, param, ...rest] = spec.split(':');
  const kind = DRIFT_KINDS.find((k) => k.name === name);
  if (!kind) {
    throw new InputError(
      flag,
      `unknown drift ${JSON.stringify(spec)} (known: ${DRIFT_KINDS.map((k) => k.name).join(', ')}, and their sums, c*D, f(D), state[…](D))`,
    );
  }
  if (rest.length > 0 || (kind.parameter === null && param !== undefined)) {
    throw new InputError(
      flag,
      `${JSON.stringify(spec)} has too many parts (expected ${kind.name}${kind.parameter ? ':<number>' : ''})`,
    );
  }
  const x = specNumber(flag, spec, param, kind.parameter?.fallback ?? 0);
  try {
    if (kind.parameter && kind.name !== 'ppo' && !(x > 0)) throw new RangeError(`coefficient ${x} must be > 0`);
    return kind.build(x);
  } catch (e) {
    throw new InputError(flag, `${JSON.stringify(spec)}: ${(e as Error).message}`);
  }
}

/** Recursive descent over the construction grammar of `parseDriftSpec`. */
class SpecParser {
  private at = 0;
  constructor(
    private readonly text: string,
    private readonly flag: string,
  ) {}

  private fail(what: string): never {
    throw new InputError(this.flag, `${JSON.stringify(this.text)}: ${what} at character ${this.at + 1}`);
  }

  private peek(): string {
    return this.text[this.at] ?? '';
  }

  private expect(ch: string): void {
    if (this.peek() !== ch) this.fail(`expected "${ch}"`);
    this.at++;
  }

  end(): void {
    if (this.at !== this.text.length) this.fail('unexpected text');
  }

  /** term ('+' term)* */
  sum(): Drift {
    const terms = [this.term()];
    while (this.peek() === '+') {
      this.at++;
      terms.push(this.term());
    }
    if (terms.length > 1) return sumDrift(terms);
    return terms[0].weight === 1 ? terms[0].drift : scaledDrift(terms[0].drift, terms[0].weight);
  }

  /** [number '*'] unary */
  private term(): { drift: Drift; weight: number } {
    const m = /^[0-9.eE-]+(?=\*)/.exec(this.text.slice(this.at));
    if (!m) return { drift: this.unary(), weight: 1 };
    const weight = Number(m[0]);
    if (!(weight > 0 && Number.isFinite(weight))) this.fail(`weight ${JSON.stringify(m[0])} must be a number > 0`);
    this.at += m[0].length + 1;
    return { drift: this.unary(), weight };
  }

  /** '(' sum ')' | f '(' sum ')' | 'state[' numbers ']' '(' sum ')' | atom */
  private unary(): Drift {
    if (this.peek() === '(') {
      this.at++;
      const inner = this.sum();
      this.expect(')');
      return inner;
    }
    const m = /^[a-z0-9]+(:[0-9.eE-]+)?/.exec(this.text.slice(this.at));
    if (!m) this.fail('expected a drift');
    const word = m[0];
    this.at += word.length;
    if (word === 'state' && this.peek() === '[') {
      const close = this.text.indexOf(']', this.at);
      if (close < 0) this.fail('unclosed "["');
      const scales = this.text
        .slice(this.at + 1, close)
        .split(',')
        .map(Number);
      if (!scales.length || scales.some((k) => !(k > 0 && Number.isFinite(k))))
        this.fail('state scales must be numbers > 0');
      this.at = close + 1;
      this.expect('(');
      const inner = this.sum();
      this.expect(')');
      return stateScaledDrift(inner, scales);
    }
    const transform = DRIFT_TRANSFORMS.find((t) => t.name === word);
    if (transform && this.peek() === '(') {
      this.at++;
      const inner = this.sum();
      this.expect(')');
      return transformedDrift(inner, transform);
    }
    return parseAtom(word, this.flag);
  }
}
