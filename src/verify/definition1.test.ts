import { describe, expect, test } from 'vitest';
import type { Drift, DriftContext } from '../mirror/drifts/drift.js';
import { checkDriftAxioms } from './definition1.js';

const ctx: DriftContext = {
  state: 0,
  advantage: Float64Array.from([1, -1, 0.5]),
  maxAbsAdvantage: 1,
  gamma: 0.9,
};
const pi = Float64Array.from([0.5, 0.3, 0.2]);
const targets = [Float64Array.from([0.1, 0.1, 0.8]), Float64Array.from([1, 0, 0])];

/** A drift c·(½‖π̄ − π‖₁)^α, the power of TV: Definition 1 holds exactly when α > 1. */
function tvPower(alpha: number, c = 1): Drift {
  return {
    name: `tv^${alpha}`,
    value(piBar, base) {
      let l1 = 0;
      for (let a = 0; a < base.length; a++) l1 += Math.abs(piBar[a] - base[a]);
      return c * (0.5 * l1) ** alpha;
    },
  };
}

describe('Definition 1: the Gâteaux derivative at π', () => {
  test.each([0.5, 0.9, 0.99, 1])('(½‖π̄ − π‖₁)^%d has a nonzero (or infinite) derivative: violated', (alpha) => {
    const v = checkDriftAxioms(tvPower(alpha), { pi, ctx, targets });
    expect(v.status, v.reason).toBe('violated');
  });

  test.each([1.5, 2, 3])('(½‖π̄ − π‖₁)^%d has a zero derivative: holds', (alpha) => {
    const v = checkDriftAxioms(tvPower(alpha), { pi, ctx, targets });
    expect(v.status, v.reason).toBe('holds');
  });

  test.each([
    ['50·‖π̄ − π‖² + 0.003·‖π̄ − π‖₁', 50, 0.003],
    ['1000·‖π̄ − π‖² + 0.01·‖π̄ − π‖₁', 1000, 0.01],
    ['5e-6·‖π̄ − π‖₁', 0, 5e-6],
  ])(
    'a small linear term is found under a large quadratic, or at its own small scale: %s is violated',
    (_name, c2, c1) => {
      const masked: Drift = {
        name: 'masked-linear',
        value(piBar, base) {
          let sq = 0;
          let l1 = 0;
          for (let a = 0; a < base.length; a++) {
            sq += (piBar[a] - base[a]) ** 2;
            l1 += Math.abs(piBar[a] - base[a]);
          }
          return c2 * sq + c1 * l1;
        },
      };
      const v = checkDriftAxioms(masked, { pi, ctx, targets });
      expect(v.status, v.reason).toBe('violated');
      expect(v.reason).toMatch(/q₀/);
    },
  );

  test('a derivative that vanishes only logarithmically (ε/log(1/ε)) is never called a violation', () => {
    const slow: Drift = {
      name: 'eps-over-log',
      value(piBar, base) {
        let l1 = 0;
        for (let a = 0; a < base.length; a++) l1 += Math.abs(piBar[a] - base[a]);
        return l1 === 0 ? 0 : l1 / Math.log(4 / l1);
      },
    };
    expect(checkDriftAxioms(slow, { pi, ctx, targets }).status).not.toBe('violated');
  });

  test('a pseudo-Huber drift, quantised to ulps of its offset near π, is not called a nonzero derivative', () => {
    // Σ(√(δ² + (π̄ − π)²) − δ), δ = 0.01, is valid (its derivative at π is 0), but near π its values are whole ulps of
    // δ (1.7e-18): D(π + εv) is 1 ulp at ε = 2⁻³², 0 below. The linear fit over ε ≈ 2⁻²⁹…2⁻²⁷ found q₀ = −2⁻³³ "≠ 0",
    // which every finer resolved quotient (0, not −1.2e-10) contradicts. Found by the gate on a GridWorld vertex row.
    const pseudoHuber: Drift = {
      name: 'pseudo-huber',
      value(piBar, base) {
        let d = 0;
        for (let a = 0; a < base.length; a++) d += Math.sqrt(1e-4 + (piBar[a] - base[a]) ** 2) - 1e-2;
        return d;
      },
    };
    const vertex = Float64Array.from([0, 1, 0, 0]);
    const target = Float64Array.from([
      1.4285714285712245e-13, 0.2857142857142449, 0.5714285714284898, 0.14285714285712245,
    ]);
    const ctx4 = { ...ctx, advantage: new Float64Array(4) };
    const v = checkDriftAxioms(pseudoHuber, { pi: vertex, ctx: ctx4, targets: [target] });
    expect(v.status, v.reason).not.toBe('violated');
  });

  test('a valid Bregman drift computed with cancellation noise is not a violation', () => {
    const L = 1e7;
    // ‖π̄ − π‖² as φ(π̄) − φ(π) − ⟨∇φ(π), π̄ − π⟩ with φ(x) = ‖x‖² + L·Σx, clipped at 0: the linear part cancels in
    // exact arithmetic but leaves a rounding residue δ ≈ L·u that does not shrink with ε. Near π the quotients are
    // δ/ε: they grow, as an infinite derivative's would, once the residue dominates — yet they shrank at larger steps.
    const bregman: Drift = {
      name: `bregman-${L}`,
      value(piBar, base) {
        let phiBar = 0;
        let phi = 0;
        let inner = 0;
        for (let a = 0; a < base.length; a++) {
          phiBar += piBar[a] * piBar[a] + L * piBar[a];
          phi += base[a] * base[a] + L * base[a];
          inner += (2 * base[a] + L) * (piBar[a] - base[a]);
        }
        return Math.max(0, phiBar - phi - inner);
      },
    };
    const quotients = [2 ** -20, 2 ** -24, 2 ** -28].map((eps) => {
      const moved = Float64Array.from(pi, (x, a) => (1 - eps) * x + eps * targets[1][a]);
      return Math.abs(bregman.value(moved, pi, ctx) - bregman.value(pi, pi, ctx)) / eps;
    });
    expect(quotients[2], 'the residue dominates near π').toBeGreaterThan(quotients[1]);
    expect(quotients[1]).toBeGreaterThan(quotients[0]);
    expect(checkDriftAxioms(bregman, { pi, ctx, targets }).status).not.toBe('violated');
  });
});

describe('Definition 1: continuity', () => {
  const tv2: Drift = tvPower(2);

  test('TV² with π̄_a 2.5e-13 from π_a (a kink below the coarse steps) is not called discontinuous', () => {
    // From a ×10 run (seed 31337): the coarse jumps toward (0, 1, 0) settle at 2.5e-13 because the kink at π_1 lies
    // 2.5e-13 away; at finer steps the jump shrinks. The valid TV² was reported VIOLATED.
    const row = Float64Array.from([0, 0.50000000000025, 0.49999999999975]);
    const v = checkDriftAxioms(tv2, {
      pi: row,
      ctx,
      targets: [
        Float64Array.from([1 / 3, 1 / 3, 1 / 3]),
        Float64Array.from([0.5, 0.5, 0]),
        Float64Array.from([0, 1, 0]),
      ],
    });
    expect(v.status, v.reason).not.toBe('violated');
  });

  test('a drift with a real jump away from π is still violated', () => {
    const jump: Drift = {
      name: 'l2-plus-step',
      value(piBar, base) {
        let sq = 0;
        for (let a = 0; a < base.length; a++) sq += (piBar[a] - base[a]) ** 2;
        return sq + (piBar[0] >= 0.1 ? 0.001 : 0) * (base[0] < 0.1 ? 1 : 0);
      },
    };
    const v = checkDriftAxioms(jump, {
      pi: Float64Array.from([0.05, 0.5, 0.45]),
      ctx,
      targets: [Float64Array.from([0.1, 0.1, 0.8]), Float64Array.from([0, 1, 0])],
    });
    expect(v.status, v.reason).toBe('violated');
    expect(v.reason).toMatch(/settle at a nonzero value/);
  });
});
