import type { Drift, DriftContext } from '../drifts/drift.js';
import type { StateProblem } from './stateProblem.js';

/** A state's solver multiplier carried between the update's probes (`StateProblem.warm`). */
export type WarmRecord = NonNullable<StateProblem['warm']>;

interface MutableContext {
  state: number;
  advantage: Float64Array;
  maxAbsAdvantage: number;
  gamma: number;
}

interface MutableTerm {
  drift: Drift;
  coef: number;
}

interface MutableProblem {
  g: Float64Array;
  pi: Float64Array;
  ctx: DriftContext;
  terms: MutableTerm[];
  warm?: WarmRecord;
}

/**
 * The per-state objects of one mirror update (Kuba et al. 2022, Definition 3: one problem per state): its drift
 * contexts, its problems (g = Q_old(s,·), π_old(·|s), the drift term), each state's warm record, and the problems its
 * expected balls' probes refill (`probes`, built on first use, indexed by state; it may be longer than S). `release`
 * hands them back for the next update.
 */
export interface StateHolders {
  readonly contexts: readonly DriftContext[];
  readonly problems: readonly StateProblem[];
  readonly warm: readonly WarmRecord[];
  readonly probes: (StateProblem | undefined)[];
  /**
   * A zeroed Float64Array of n entries, valid until `release`: a view on the pool's arena. A Float64Array above 64 bytes
   * is allocated off V8's heap, 1–2.5 µs each (≈ 4 % of an update of TV² in a KL ball at S = 20 went to its
   * probes' rows, the ball's w/β and coefficients and the start's seeds); a view ≈ 0.1 µs. Nothing that outlives the update.
   */
  floats(n: number): Float64Array;
  release(): void;
}

/**
 * The holders for an update of S states and A actions, filled for this update: kept between calls of the same shape and
 * refilled, not allocated anew. V8 moves an allocation site to the old generation once its objects survive young
 * collections, and per-state objects live through a whole update; each dead holder in the old generation then kept the
 * young row views it pointed to alive until a full collection (its remembered set): at S = 200, TV² in a KL ball, 1.1 MB
 * copied per young collection (~4 ms, every ~12 updates) and a median update 1.4× slower. Refilled holders drop their
 * last views when overwritten. A call while the pool is taken (an update inside a drift's own code) gets fresh ones.
 */
export function acquireStateHolders(
  S: number,
  A: number,
  q: Float64Array,
  piOld: Float64Array,
  advantage: Float64Array,
  gamma: number,
  drift: Drift,
  coefOf: (s: number) => number,
): StateHolders {
  let pool = pools.get(A);
  if (pool === undefined) pools.set(A, (pool = newPool()));
  else if (pool.taken) pool = newPool(); // this update's own, left unpooled
  while (pool.contexts.length < S) {
    const ctx: MutableContext = { state: 0, advantage: EMPTY, maxAbsAdvantage: 0, gamma: 0 };
    pool.contexts.push(ctx);
    pool.problems.push({ g: EMPTY, pi: EMPTY, ctx, terms: [{ drift, coef: 0 }] });
    pool.warm.push({ delta: NaN, kappa: NaN, m: NaN, dDelta: NaN, dKappa: NaN });
    pool.allProbes.push(undefined);
  }
  let maxAbsAdvantage = 0;
  for (let i = 0; i < S * A; i++) maxAbsAdvantage = Math.max(maxAbsAdvantage, Math.abs(advantage[i]));
  const contexts = pool.contexts.length === S ? pool.contexts : pool.contexts.slice(0, S);
  const problems = pool.problems.length === S ? pool.problems : pool.problems.slice(0, S);
  const warm = pool.warm.length === S ? pool.warm : pool.warm.slice(0, S);
  for (let s = 0; s < S; s++) {
    const ctx = pool.contexts[s];
    ctx.state = s;
    ctx.advantage = advantage.subarray(s * A, (s + 1) * A);
    ctx.maxAbsAdvantage = maxAbsAdvantage;
    ctx.gamma = gamma;
    const problem = pool.problems[s];
    problem.g = q.subarray(s * A, (s + 1) * A);
    problem.pi = piOld.subarray(s * A, (s + 1) * A);
    problem.terms[0].drift = drift;
    problem.terms[0].coef = coefOf(s);
    const w = pool.warm[s];
    w.delta = w.kappa = w.m = w.dDelta = w.dKappa = NaN;
    const probe = pool.allProbes[s];
    if (probe !== undefined) {
      // Its first term and warm record are the state's own (the same objects); the balls' terms are refilled by probes.
      probe.g = problem.g;
      probe.pi = problem.pi;
    }
  }
  // The states beyond this update's that the last larger one filled: their views go, or they would keep its arrays.
  for (let s = S; s < pool.filled; s++) {
    pool.contexts[s].advantage = EMPTY;
    pool.problems[s].g = pool.problems[s].pi = EMPTY;
    const probe = pool.allProbes[s];
    if (probe !== undefined) probe.g = probe.pi = EMPTY;
  }
  pool.filled = S;
  pool.taken = true;
  pool.used = 0; // the arena from its start: the last update's views are dead
  const owner = pool;
  return {
    contexts,
    problems,
    warm,
    probes: pool.allProbes as (StateProblem | undefined)[], // read at s < S only
    floats: (n) => takeFloats(owner, n),
    release: () => {
      owner.taken = false;
    },
  };
}

/** The arena's largest size (2¹⁷ doubles, 1 MiB): an update needing more takes fresh arrays beyond it. */
const ARENA_LIMIT = 2 ** 17;

/**
 * n zeroed doubles from the pool's arena, bump-allocated: never handed out twice in one update (a probe's row may be kept
 * by the multiplier search until the update ends). A full arena is replaced by one twice its size, up to ARENA_LIMIT;
 * the views already handed out keep the old one.
 */
function takeFloats(pool: Pool, n: number): Float64Array {
  if (pool.used + n > pool.arena.length) {
    const size = Math.max(4096, 2 * pool.arena.length, 2 * n);
    if (size > ARENA_LIMIT) return new Float64Array(n);
    pool.arena = new Float64Array(size);
    pool.used = 0;
  }
  const view = pool.arena.subarray(pool.used, pool.used + n);
  pool.used += n;
  return view.fill(0);
}

const EMPTY = new Float64Array(0);

interface Pool {
  taken: boolean;
  /** The number of states the last update filled. */
  filled: number;
  contexts: MutableContext[];
  problems: MutableProblem[];
  warm: WarmRecord[];
  allProbes: (MutableProblem | undefined)[];
  /** The update's scratch doubles (`floats`), and how many of them it has taken. */
  arena: Float64Array;
  used: number;
}

function newPool(): Pool {
  return {
    taken: false,
    filled: 0,
    contexts: [],
    problems: [],
    warm: [],
    allProbes: [],
    arena: new Float64Array(0),
    used: 0,
  };
}

/** One pool per number of actions (the suite's MDPs mix a few). */
const pools = new Map<number, Pool>();
