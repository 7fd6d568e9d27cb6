import { canonicalDrift, type Drift, type DriftContext } from '../../mirror/drifts/drift.js';

/** A user drift broke its contract (threw, or returned something that is not a number, or NaN). */
export class DriftContractError extends Error {
  constructor(
    readonly drift: string,
    readonly problem: string,
  ) {
    super(`drift ${drift}: ${problem}`);
    this.name = 'DriftContractError';
  }
}

/**
 * A fresh copy of the context for a user's call. Built field by field and copied with the typed-array constructor: the
 * generic solver calls a value-only drift millions of times per gate, and `Float64Array.from` and an object spread
 * were 3× slower (the wrapper was most of the gate's time on a cheap drift).
 */
function copyContext(ctx: DriftContext): DriftContext {
  return {
    state: ctx.state,
    advantage: new Float64Array(ctx.advantage),
    maxAbsAdvantage: ctx.maxAbsAdvantage,
    gamma: ctx.gamma,
  };
}

const row = (x: Float64Array) => `[${Array.from(x, (v) => Number(v.toPrecision(6))).join(', ')}]`;

/**
 * Wraps a user's drift so that every call honours the contract (docs/drifts.md, "1. Write the drift"): it is given copies of π̄, π and the advantage
 * row (it cannot corrupt the engine's arrays), and it must return a number that is not NaN (+∞ is a legitimate value).
 * A throw or a bad value becomes a DriftContractError naming the inputs. (`copyInputs = false` for evaluators of our
 * own that never write to their inputs, e.g. expressions.)
 */
export function guardDrift(user: Drift, name: string, copyInputs = true): Drift {
  const guarded: Drift = canonicalDrift({
    name,
    convex: user.convex === true,
    interiorOnly: user.interiorOnly === true,
    value(piBar: Float64Array, pi: Float64Array, ctx: DriftContext): number {
      let out: unknown;
      try {
        out = copyInputs
          ? user.value(new Float64Array(piBar), new Float64Array(pi), copyContext(ctx))
          : user.value(piBar, pi, ctx);
      } catch (e) {
        throw new DriftContractError(
          name,
          `value(piBar=${row(piBar)}, pi=${row(pi)}, state ${ctx.state}) threw: ${(e as Error).message}`,
        );
      }
      if (typeof out !== 'number') {
        throw new DriftContractError(
          name,
          `value(piBar=${row(piBar)}, pi=${row(pi)}) returned ${typeof out}, not a number`,
        );
      }
      if (Number.isNaN(out)) {
        const zeros = Array.from(pi).some((v, a) => v === 0 || piBar[a] === 0);
        throw new DriftContractError(
          name,
          `value(piBar=${row(piBar)}, pi=${row(pi)}, state ${ctx.state}) returned NaN` +
            (zeros
              ? ' — at entries that are 0 a drift needs a boundary convention: 0·log 0 = 0 (xlogy(x, y) in an ' +
                'expression), 0/0 = 0 (xdivy(x, y)), or +∞ where the drift is undefined; see docs/drifts.md'
              : ' — a drift must return a number (+∞ allowed)'),
        );
      }
      return out;
    },
  });
  if (typeof user.gradient === 'function') {
    const gradient = user.gradient.bind(user);
    guarded.gradient = (piBar, pi, ctx, out) => {
      try {
        gradient(new Float64Array(piBar), new Float64Array(pi), copyContext(ctx), out);
      } catch (e) {
        throw new DriftContractError(name, `gradient threw: ${(e as Error).message}`);
      }
    };
  }
  return guarded;
}
