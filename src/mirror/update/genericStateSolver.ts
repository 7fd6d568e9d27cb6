import type { StateProblem, StateSolution } from './stateProblem.js';
import { stateObjective } from './stateProblem.js';

/** The golden-section fraction (3 − √5)/2 of Brent's method. */
const GOLDEN_STEP = (3 - Math.sqrt(5)) / 2;
const SQRT_EPS = Math.sqrt(2 ** -52);

/** Consecutive moves below φ's rounding after which the concave ascent stops (see its loop). */
const INVISIBLE_MOVES = 8;

const BITS = new Float64Array(1);
const BITS_INT = new BigInt64Array(BITS.buffer);

/** The largest double below a positive finite x. */
function nextBelow(x: number): number {
  BITS[0] = x;
  BITS_INT[0] -= 1n;
  return BITS[0];
}

/**
 * The best point found by a 1-D search for the maximum of f on [0, T] (f(0) = f0): Brent's method (parabolic steps
 * where they are acceptable, golden-section steps otherwise, as in Brent 1973, ch. 5, and SciPy's `fminbound`) to an
 * absolute tolerance of 10⁻¹²·T, keeping the best point seen, plus T itself. Exact for unimodal f as the golden-section
 * search it replaces, in fewer evaluations on a smooth f. Where nothing gains, geometric probes T·2⁻ᵏ (k ≤ 60) below
 * Brent's last bracket follow: the drift's zero derivative at π guarantees that a small enough step gains.
 */
function lineSearch(f: (t: number) => number, T: number, f0: number): { t: number; value: number } {
  let bestT = 0;
  let best = f0;
  const fT = f(T);
  if (fT > best) {
    best = fT;
    bestT = T;
  }
  // Brent minimises −f on [a, b]; x is the best interior point, w the second best, v the previous w.
  const xatol = 1e-12 * T;
  let a = 0;
  let b = T;
  let x = a + GOLDEN_STEP * (b - a);
  let w = x;
  let v = x;
  let fx = -f(x);
  let fw = fx;
  let fv = fx;
  if (-fx > best) {
    best = -fx;
    bestT = x;
  }
  let d = 0;
  let e = 0;
  for (let i = 0; i < 100; i++) {
    const xm = 0.5 * (a + b);
    const tol1 = SQRT_EPS * Math.abs(x) + xatol / 3;
    const tol2 = 2 * tol1;
    if (Math.abs(x - xm) <= tol2 - 0.5 * (b - a)) break;
    let golden = true;
    if (Math.abs(e) > tol1) {
      // A parabola through x, w, v; accepted when its step falls inside [a, b] and is under half the one before last.
      let r = (x - w) * (fx - fv);
      let q = (x - v) * (fx - fw);
      let p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0) p = -p;
      q = Math.abs(q);
      r = e;
      e = d;
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - x) && p < q * (b - x)) {
        d = p / q;
        const u = x + d;
        if (u - a < tol2 || b - u < tol2) d = xm >= x ? tol1 : -tol1;
        golden = false;
      }
    }
    if (golden) {
      e = x >= xm ? a - x : b - x;
      d = GOLDEN_STEP * e;
    }
    const u = x + (d >= 0 ? Math.max(Math.abs(d), tol1) : -Math.max(Math.abs(d), tol1));
    const fu = -f(u);
    if (-fu > best) {
      best = -fu;
      bestT = u;
    }
    if (fu <= fx) {
      if (u >= x) a = x;
      else b = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    } else {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        fv = fw;
        w = u;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    }
  }
  // Geometric probes toward 0, below the bracket [0, b] Brent ended with (above it, its own steps sampled the log scale
  // more densely, by 0.618 against ½): the drift's zero gradient at π guarantees that a small enough step improves.
  if (bestT === 0) {
    let k = 1;
    while (k < 60 && T * 2 ** -k >= b) k++;
    for (; k <= 60 && bestT === 0; k++) {
      const t = T * 2 ** -k;
      const ft = f(t);
      if (ft > best) {
        best = ft;
        bestT = t;
      }
    }
  }
  return { t: bestT, value: best };
}

/**
 * Generic per-state solver for any drift, including one that gives only `value`: pairwise ascent on the simplex.
 * Starting at p = π, each step moves mass t from an action j (p_j > 0) to an action i along e_i − e_j, with t found by a
 * line search, and is taken only if φ strictly increases — so φ(p) ≥ φ(π) always, and whenever π is not greedy a
 * step exists (the drift's zero derivative at π makes the first-order gain (g_i − g_j)t dominate for small t, and the
 * search probes t down to 2⁻⁶⁰·p_j). Pairs come from the gradient of φ when every term has one (i: the largest partial
 * derivative; j: the action on the support with the largest first-order gain (∇φ_i − ∇φ_j)·p_j), otherwise from
 * difference quotients; without concavity every pair is line-searched before it stops. Each move transfers mass exactly
 * (`place`): a move only rounding could make is no move.
 *
 * Certificate: when every term is convex with a gradient, φ is concave and φ* − φ(p) ≤ max_a ∇φ_a − ⟨∇φ, p⟩
 * (the Frank–Wolfe gap, valid for any supergradient); otherwise the gap is Infinity ("uncertified").
 * Long on purpose (docs/architecture.md): the solver loop keeps its scratch arrays and bracket state on the stack,
 * with no closures in the hot path; the solver rewrite of issue 11 replaces it whole.
 */
export function genericStateSolve(problem: StateProblem, maxSteps = 400): StateSolution {
  const A = problem.g.length;
  const p = Float64Array.from(problem.pi);
  let value = stateObjective(problem, p);
  const withGradient = problem.terms.every((t) => t.drift.gradient);
  const concave = withGradient && problem.terms.every((t) => t.drift.convex);
  const grad = new Float64Array(A);
  const trial = new Float64Array(A);

  // Moves are scored by their gain over the current p, φ(trial) − φ(p), formed from differences (⟨trial − p, g⟩ and
  // D(trial) − D(p)): an absolute φ near |g| cannot see a gain below its own rounding, ~u·|g|, and the solver then stopped
  // a hair short of the argmax where a one-ulp move still gained (found by update-optimality's stall moves).
  const penaltyAtP = new Float64Array(problem.terms.length);
  const refresh = () => {
    problem.terms.forEach((t, k) => (penaltyAtP[k] = t.coef === 0 ? 0 : t.drift.value(p, problem.pi, problem.ctx)));
  };
  refresh();
  /** (A + 4)·u·(Σ p|g| + Σ coef·|D(p)|): the rounding of φ(p). */
  const resolution = () => {
    let mag = 0;
    for (let a = 0; a < A; a++) mag += Math.abs(p[a] * problem.g[a]);
    for (let k = 0; k < problem.terms.length; k++) mag += problem.terms[k].coef * Math.abs(penaltyAtP[k]);
    return (A + 4) * 2 ** -53 * mag;
  };
  const gainOver = (x: Float64Array): number => {
    let gain = 0;
    for (let a = 0; a < A; a++) if (x[a] !== p[a]) gain += (x[a] - p[a]) * problem.g[a];
    for (let k = 0; k < problem.terms.length; k++) {
      const t = problem.terms[k];
      if (t.coef === 0) continue;
      const d = t.drift.value(x, problem.pi, problem.ctx);
      if (d === Infinity) return -Infinity;
      gain -= t.coef * (d - penaltyAtP[k]);
    }
    return Number.isNaN(gain) ? -Infinity : gain;
  };
  /**
   * trial = p + m(e_i − e_j) for the m nearest t (clipped at p_j) that both entries can hold: the mass that leaves p_j,
   * p_j − fl(p_j − t), and, where p_i's grid is coarser, the mass p_i takes, fl(p_i + m) − p_i, taken from p_j exactly
   * when p_j's grid allows. Otherwise the two differ by the rounding of one sum, kept when it is negligible beside the
   * move (≤ 2⁻²⁰·m: a move of 0.3 between 0.8 and 0.2), refused when it is not (the move is at the entries' grid) —
   * draining p_j whole included, where fl(p_i + p_j) alone can double or erase a p_j below p_i's grid; a drain whose sum
   * rounded up past p_j moves p_i's grid point below instead, leaving p_j its sub-grid rest.
   * Moving t itself created or destroyed mass where an entry near 1 rounded it away (t = 2⁻⁵⁴ to or from
   * p ≈ 1 − 1.5e-14): a gain of t·g_i, or a drop of t·∂D, that no rounding model bounds — a ×10 run saw such phantom
   * gains taken 400 times in one solve.
   */
  const place = (i: number, j: number, t: number): Float64Array => {
    trial.set(p);
    let left = Math.max(0, p[j] - t);
    const moved = p[j] - left;
    const to = p[i] + moved;
    const held = to - p[i];
    let target = to;
    if (held !== moved) {
      // p_i's grid point below when the sum rounded up past all p_j has (a drain), so that p_j can give what p_i takes.
      if (held > p[j]) target = nextBelow(to);
      const take = target - p[i];
      const rest = p[j] - take;
      if (take >= 0 && rest >= 0 && p[j] - rest === take) left = rest;
      else if (Math.abs(held - moved) <= 2 ** -20 * moved) target = to;
      else return trial;
    }
    trial[j] = left;
    trial[i] = target;
    return trial;
  };
  const along = (i: number, j: number) => (t: number) => gainOver(place(i, j, t));
  /** The gain of (1 − t)p + t·e_i over p. */
  const towardVertex = (i: number) => (t: number) => {
    for (let a = 0; a < A; a++) trial[a] = (1 - t) * p[a] + (a === i ? t : 0);
    return gainOver(trial);
  };

  const slopeGrad = new Float64Array(A);
  /** ∂φ/∂t along e_i − e_j at p + t(e_i − e_j). */
  const slope = (i: number, j: number, t: number): number => {
    objectiveGradient(problem, place(i, j, t), slopeGrad);
    return slopeGrad[i] - slopeGrad[j];
  };
  /** A sign change of the slope near t0 in [0, T], by doubling out from t0 and bisecting (t0 when there is none). */
  const slopeRoot = (i: number, j: number, t0: number, T: number): number => {
    const s0 = slope(i, j, t0);
    if (!Number.isFinite(s0) || s0 === 0) return t0;
    const up = s0 > 0;
    let inner = t0;
    let outer = t0;
    let found = false;
    // From 2⁻³⁰·T, but never from 0: for a subnormal T (a mass of 3e-320 left to move) 2⁻³⁰·T underflows to 0, which
    // doubling never leaves (an infinite loop found by a ×10 run).
    for (let h = Math.max(2 ** -30 * T, Number.MIN_VALUE); h <= T; h *= 2) {
      outer = up ? Math.min(T, t0 + h) : Math.max(0, t0 - h);
      const sl = slope(i, j, outer);
      if (!Number.isFinite(sl)) return t0;
      if (up ? sl <= 0 : sl >= 0) {
        found = true;
        break;
      }
      inner = outer;
      if (outer === T || outer === 0) break;
    }
    if (!found) return t0;
    for (let k = 0; k < 200; k++) {
      const mid = 0.5 * (inner + outer);
      if (mid === inner || mid === outer) break;
      const sl = slope(i, j, mid);
      if (!Number.isFinite(sl)) break;
      if (up ? sl > 0 : sl < 0) inner = mid;
      else outer = mid;
    }
    return inner;
  };

  /** The largest t in [0, T] where the slope along e_i − e_j is still positive (φ concave: the exact line search). */
  const slopeBisect = (i: number, j: number, T: number): number => {
    const sT = slope(i, j, T);
    if (sT >= 0) return T;
    let inner = 0;
    let outer = T;
    for (let k = 0; k < 1100; k++) {
      const mid = 0.5 * (inner + outer);
      if (mid === inner || mid === outer) break;
      const sl = slope(i, j, mid);
      if (sl > 0) inner = mid;
      else if (sl <= 0) outer = mid;
      else return inner; // NaN: stop at the last point known to gain
    }
    return inner;
  };

  let invisible = 0;
  // Long on purpose (docs/architecture.md): the ascent loop shares the solve's scratch arrays; issue 11 replaces it.
  const ascend = () => {
    invisible = 0;
    for (let step = 0; step < maxSteps; step++) {
      let bestPair: [number, number] | null = null;
      let bestMove = { t: 0, value: 0 };
      if (concave) {
        // φ concave with a gradient: pairwise Frank–Wolfe with an exact line search on the slope's sign. Values locate a
        // maximum only to ~√u of the step (φ is flat there to rounding); the slope locates it to ~u — which a ball's dual
        // search needs, as it reads the constraint at x(μ) (a ball left unused by 1e-9 is a visible loss). The slope is
        // positive on [0, t], so each move gains even when the gain is below the rounding of φ.
        objectiveGradient(problem, p, grad);
        let i = -1;
        let j = -1;
        let scale = 0;
        for (let a = 0; a < A; a++) {
          if (Number.isNaN(grad[a])) continue;
          if (i < 0 || grad[a] > grad[i]) i = a;
          if (p[a] > 0 && (j < 0 || grad[a] < grad[j])) j = a;
          if (p[a] > 0) scale = Math.max(scale, Math.abs(grad[a]));
        }
        if (i < 0 || j < 0 || i === j || !(grad[i] > grad[j])) break;
        // Slopes equal to their rounding (gradients of size `scale`): nothing is left to find.
        if (Number.isFinite(grad[i]) && grad[i] - grad[j] <= 8 * (A + 4) * 2 ** -53 * scale) break;
        // The source: the largest first-order gain (∇φ_i − ∇φ_j)·p_j, ties to the smallest ∇φ_j. The steepest source
        // alone can be an action with 1e-16 of mass, below the grid of the p_i ≈ 1 it would join: its moves are refused
        // or invisible, the loop stops after INVISIBLE_MOVES, and 5.8e-7 of mass on another action with room stayed
        // (Theorem 1.2, ×10 run of seed 4242, 0.5*kl+0.5*linsq(rkl)).
        let room = (grad[i] - grad[j]) * p[j];
        for (let a = 0; a < A; a++) {
          if (a === i || !(p[a] > 0) || Number.isNaN(grad[a])) continue;
          const r = (grad[i] - grad[a]) * p[a];
          if (r > room || (r === room && grad[a] < grad[j])) {
            room = r;
            j = a;
          }
        }
        const t = slopeBisect(i, j, p[j]);
        if (t === 0) break;
        const gain = along(i, j)(t);
        if (gain >= -resolution()) {
          p.set(place(i, j, t));
          // At a kink of a drift (TV², a max) the one-sided slopes never equalise and the moves shrink without end: after
          // a few moves in a row that gain nothing φ's rounding can show, stop.
          invisible = gain <= resolution() ? invisible + 1 : 0;
          refresh();
          value = stateObjective(problem, p);
          if (invisible >= INVISIBLE_MOVES) break;
          continue;
        }
        // A gain that rounding cannot explain: the gradient disagrees with the values; search by values instead.
      }
      if (withGradient) {
        objectiveGradient(problem, p, grad);
        let i = -1;
        for (let a = 0; a < A; a++) if (!Number.isNaN(grad[a]) && (i < 0 || grad[a] > grad[i])) i = a;
        // The source j is the action with the largest first-order gain available, (∇φ_i − ∇φ_j)·p_j, not the smallest
        // partial derivative: on a non-concave φ the steepest source can be an action with almost no mass (a 1e-13
        // entry whose log-ratio slope is huge), whose moves gain a little, visibly, for hundreds of steps while a pair
        // with room was never tried (logratio2 stopped 0.3–324 short of the argmax in a ×10 run).
        let j = -1;
        let potential = 0;
        for (let a = 0; a < A; a++) {
          if (!(p[a] > 0) || Number.isNaN(grad[a]) || i < 0) continue;
          const room = (grad[i] - grad[a]) * p[a];
          if (j < 0 || room > potential) {
            j = a;
            potential = room;
          }
        }
        if (i >= 0 && j >= 0 && i !== j && grad[i] > grad[j]) {
          const move = lineSearch(along(i, j), p[j], 0);
          if (move.value > 0 && move.t < p[j]) {
            // Values locate a smooth maximum only to ~√u of the step (φ is flat there to rounding); the sign of the
            // directional derivative locates it to ~u. A ball's dual search needs that: its constraint is read at x(μ).
            const t = slopeRoot(i, j, move.t, p[j]);
            const gain = t === move.t ? move.value : along(i, j)(t);
            if (gain > 0 && gain >= move.value - resolution()) {
              move.t = t;
              move.value = gain;
            }
          }
          if (move.value > 0) {
            bestPair = [i, j];
            bestMove = move;
          }
        }
      }
      if (!bestPair && !withGradient) {
        // Value-only drift: pick the pair by one-sided difference quotients of φ along e_i − e_j (A(A−1) evaluations)
        // and line-search that pair only; fall back to searching every pair when it does not improve.
        let bestSlope = 0;
        let pair: [number, number] | null = null;
        for (let j = 0; j < A; j++) {
          if (p[j] === 0) continue;
          const h = Math.min(p[j], 2 ** -20);
          for (let i = 0; i < A; i++) {
            if (i === j) continue;
            const slope = along(i, j)(h) / h;
            if (slope > bestSlope) {
              bestSlope = slope;
              pair = [i, j];
            }
          }
        }
        if (pair) {
          const move = lineSearch(along(pair[0], pair[1]), p[pair[1]], 0);
          if (move.value > 0) {
            bestPair = pair;
            bestMove = move;
          }
        }
      }
      // A chosen pair whose gain is below the rounding of φ (or no pair at all) is checked against every pair before the
      // solver stops: the gradient's or slope's pair can be a poor one while another still gains visibly.
      const tiny = !bestPair || bestMove.value <= resolution();
      if (tiny) {
        for (let i = 0; i < A; i++) {
          for (let j = 0; j < A; j++) {
            if (i === j || p[j] === 0) continue;
            const move = lineSearch(along(i, j), p[j], bestMove.value);
            if (move.value > bestMove.value) {
              bestPair = [i, j];
              bestMove = move;
            }
          }
        }
      }
      if (!bestPair) break;
      const [i, j] = bestPair;
      p.set(place(i, j, bestMove.t));
      refresh();
      value = stateObjective(problem, p);
      // The best of every pair gains below the rounding resolution of φ itself: nothing a check can see
      // (`objectiveResolution`) is left, and ascending by such steps took hundreds of rounds.
      if (tiny && bestMove.value <= resolution()) break;
    }
  };
  ascend();
  if (withGradient && !concave) {
    // φ not concave: the pairwise ascent ends at a point no pair improves, which can be a saddle or a local maximum
    // (logratio2 stopped 5.6e-4 short of p + (e_i − p)/16 in a ×10 run). Line-search toward each vertex from there and
    // ascend again from a point that gains visibly; a few rounds at most, each keeping φ(p) ≥ φ(π).
    for (let round = 0; round < 3; round++) {
      // Coarse probes first (t = 1, ½, …, 2⁻⁵ toward each vertex: 6A evaluations); the full line search only along a
      // vertex that gains there, so a solve that has nothing left pays little.
      let best = { t: 0, value: resolution() };
      let vertex = -1;
      for (let i = 0; i < A; i++) {
        const f = towardVertex(i);
        for (let k = 0; k <= 5; k++) {
          const v = f(2 ** -k);
          if (v > best.value) {
            best = { t: 2 ** -k, value: v };
            vertex = i;
          }
        }
      }
      if (vertex < 0) break;
      const refined = lineSearch(towardVertex(vertex), 1, best.value);
      if (refined.value > best.value) best = refined;
      for (let a = 0; a < A; a++) p[a] = (1 - best.t) * p[a] + (a === vertex ? best.t : 0);
      refresh();
      value = stateObjective(problem, p);
      ascend();
    }
  }
  let gap = Infinity;
  if (concave) {
    objectiveGradient(problem, p, grad);
    let max = -Infinity;
    let dot = 0;
    for (let a = 0; a < A; a++) {
      max = Math.max(max, grad[a]);
      dot += grad[a] * p[a];
    }
    const fw = max - dot;
    if (Number.isFinite(fw)) gap = Math.max(0, fw);
  }
  return { p, value, gap, method: 'generic' };
}

/** ∇φ(p) = g − Σ coef·∇D(p) (NaN where a term's gradient is undefined). */
function objectiveGradient(problem: StateProblem, p: Float64Array, out: Float64Array): void {
  const tmp = new Float64Array(out.length);
  out.set(problem.g);
  for (const t of problem.terms) {
    if (t.coef === 0) continue;
    t.drift.gradient!(p, problem.pi, problem.ctx, tmp);
    for (let a = 0; a < out.length; a++) out[a] -= t.coef * tmp[a];
  }
}
