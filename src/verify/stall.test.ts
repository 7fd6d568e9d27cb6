import { describe, expect, test } from 'vitest';
import type { Drift } from '../mirror/drifts/drift.js';
import { mirrorLearning } from '../mirror/mirrorLearning.js';
import { trivialNeighbourhood } from '../mirror/neighbourhoods/neighbourhood.js';
import type { MirrorConfig } from '../mirror/update/mirrorConfig.js';
import { parseMdp } from '../mdp/parseMdp.js';
import { PolicyEvaluator } from '../policy/evaluatePolicy.js';
import { policyIteration } from '../policy/policyIteration.js';
import { updateStep } from './step.js';
import { stepStalls } from './stepStalls.js';
import { parseDriftSpec } from '../mirror/drifts/driftRegistry.js';
import { parseNeighbourhoodSpec } from '../mirror/neighbourhoods/neighbourhoodSpec.js';
import { checkTheorem1Convergence } from './theorem1.2.js';
import { checkTheorem1FixedPoint } from './theorem1.4.js';
import { checkLemma2 } from './lemma2.js';
import { checkTheorem1Improvement } from './theorem1.1.js';

/** c·‖π̄ − π‖² + ε·‖π̄ − π‖₁, value only (as a user's drift reaches the engine: the generic solver, uncertified). */
function maskedLinear(c: number, eps: number): Drift {
  return {
    name: `${c}*l2+${eps}*l1`,
    value(piBar, pi) {
      let sq = 0;
      let l1 = 0;
      for (let a = 0; a < pi.length; a++) {
        sq += (piBar[a] - pi[a]) ** 2;
        l1 += Math.abs(piBar[a] - pi[a]);
      }
      return c * sq + eps * l1;
    },
  };
}

/** A one-state bandit whose best action is better by `gap` than the uniform policy's value. */
function bandit(gap: number) {
  return parseMdp({
    format: 'mdp/v1',
    name: 'bandit',
    gamma: 0.5,
    initial: [1],
    reward: [[0, gap * 2]],
    transition: [[[1], [1]]],
  });
}

const config = (drift: Drift): MirrorConfig => ({
  drift,
  nu: 'sampling',
  neighbourhood: trivialNeighbourhood,
  sampling: { kind: 'uniform' },
});

describe('a stall is a counterexample (an unknown error is never a pass)', () => {
  // Issue 9, finding 1: the drift is invalid (its directional derivative at π is ε·Σ|v| ≠ 0); on a bandit whose
  // advantage is below ε its update never moves. The solver is the uncertified generic one, so the old a-priori
  // resolution was +∞ and Theorems 1.2 and 1.4 turned "undecided" into "holds".
  const mdp = bandit(0.002);
  const drift = maskedLinear(5, 0.01);
  const pi = Float64Array.from([0.5, 0.5]);

  test('the update stalls at the uniform policy, uncertified, though action 1 is better', () => {
    const step = updateStep(mdp, config(drift), pi);
    expect(Array.from(step.piNew)).toEqual([0.5, 0.5]);
    expect(step.update!.certificate.optimalityGap).toBeNull();
    expect(step.evOld.advantage[1]).toBeGreaterThan(1e-3);
    // Lemma 2 and Theorem 1.1 cannot see it: nothing moved.
    expect(checkLemma2(step).status).not.toBe('violated');
    expect(checkTheorem1Improvement(step).status).not.toBe('violated');
  });

  test('Theorem 1.4 reports the stall as a Definition 1 counterexample, not as holding', () => {
    const step = updateStep(mdp, config(drift), pi);
    const v = checkTheorem1FixedPoint(step, policyIteration(mdp));
    expect(v.status, v.reason).toBe('violated');
    expect(v.reason).toMatch(/Definition 1 counterexample/);
  });

  test('Theorem 1.2 reports the run that stops there', () => {
    const optimum = policyIteration(mdp);
    const run = mirrorLearning(mdp, config(drift), { iterations: 5, initialPolicy: pi });
    expect(run.stoppedBecause).toBe('fixed-point');
    const ev = new PolicyEvaluator(mdp);
    const v = checkTheorem1Convergence(run, optimum, (p) => ev.evaluate(p));
    expect(v.status, v.reason).toBe('violated');
    expect(v.reason).toMatch(/Definition 1 counterexample/);
  });

  test('a valid drift with the same quadratic moves, and its fixed points are optimal', () => {
    const valid = maskedLinear(5, 0);
    const optimum = policyIteration(mdp);
    const run = mirrorLearning(mdp, config(valid), { iterations: 60, initialPolicy: pi });
    const ev = new PolicyEvaluator(mdp);
    expect(checkTheorem1Convergence(run, optimum, (p) => ev.evaluate(p)).status).not.toBe('violated');
    expect(checkTheorem1FixedPoint(updateStep(mdp, config(valid), pi), optimum).status).not.toBe('violated');
  });

  test('a solver that leaves a state stuck while the rest moves is an engine failure', () => {
    const step = updateStep(mdp, config(maskedLinear(5, 0)), pi);
    const stuck = { ...step, piNew: pi, evNew: step.evOld };
    const v = checkTheorem1FixedPoint(stuck, policyIteration(mdp));
    expect(v.status).toBe('violated');
    expect(v.reason).toMatch(/not the argmax/);
  });
});

describe('a ball too small for 2⁻⁶⁰ moves is not a missing ball (seed 4242 ×10 false alarm)', () => {
  // π(·|0) = (3e-169, 1) (an iterate of a real run) under a χ² ball of radius 0.05: moves toward action 0 stay inside
  // only up to ~4e-86, far below the stall test's 2⁻⁶⁰ steps, but representable. The exact KL update moves by ~6e-165
  // (a gain ~1e-163, far below the objective's rounding and the solver's gap), so leaving the row is no engine
  // failure, and N(π) does contain a ball.
  const mdp = parseMdp({
    format: 'mdp/v1',
    name: 'generated-1x2',
    gamma: 0,
    initial: [1],
    reward: [[10, 0]],
    transition: [[[1], [1]]],
  });
  const cfg: MirrorConfig = {
    drift: parseDriftSpec('kl'),
    nu: 'sampling',
    neighbourhood: parseNeighbourhoodSpec('chi2-ball:0.05:sampling'),
    sampling: { kind: 'uniform' },
  };
  const pi = Float64Array.from([2.9571753205311714e-169, 1]);

  test('the stall is not reported as a Definition 2 counterexample', () => {
    const step = updateStep(mdp, cfg, pi);
    expect(Array.from(step.piNew)).toEqual(Array.from(pi));
    const stalls = stepStalls(step)!;
    expect(stalls.verdicts.map((v) => v.status)).not.toContain('violated');
    expect(stalls.verdicts[0].reason).toMatch(/are all below [\d.e-]+ of the way \(the first inside is/);
  });

  test('a ball with no representable move at all is still a Definition 2 counterexample', () => {
    // 4ε² ≤ 1e-40 needs ε ≤ 5e-21, and 0.5 − ε rounds to 0.5 below 2⁻⁵⁴: no move of (0.5, 0.5) is inside.
    const closed: MirrorConfig = { ...cfg, neighbourhood: parseNeighbourhoodSpec('chi2-ball:1e-40:sampling') };
    const step = updateStep(mdp, closed, Float64Array.from([0.5, 0.5]));
    const stalls = stepStalls(step)!;
    expect(stalls.verdicts.map((v) => v.status)).toContain('violated');
  });
});
