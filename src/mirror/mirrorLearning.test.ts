import { describe, expect, test } from 'vitest';
import { gridWorld } from '../mdp/environments/gridWorld.js';
import { singleStepGame } from '../mdp/environments/singleStepGame.js';
import { tabularGame } from '../mdp/environments/tabularGame.js';
import { evaluatePolicy } from '../policy/evaluatePolicy.js';
import { parseDriftSpec } from './drifts/driftRegistry.js';
import { parseInstanceSpec } from './instances.js';
import { mirrorLearning } from './mirrorLearning.js';
import { parseNeighbourhoodSpec } from './neighbourhoods/neighbourhoodSpec.js';

describe('mirrorLearning', () => {
  test('GPI on the paper’s environments reaches η* and stops at a fixed point', () => {
    for (const mdp of [singleStepGame(), tabularGame(), gridWorld()]) {
      const run = mirrorLearning(mdp, parseInstanceSpec('gpi'), { iterations: 100 });
      expect(run.stoppedBecause).toBe('fixed-point');
      const last = run.iterations[run.iterations.length - 1];
      expect(Math.abs(last.gap)).toBeLessThanOrEqual(last.errorBound.eta + run.etaStarError);
    }
    // "one step of GPI is sufficient to solve the [single-step] game" (Section 7).
    const single = mirrorLearning(singleStepGame(), parseInstanceSpec('gpi'));
    expect(single.iterations[1].eta).toBe(10);
  });

  test('records every iteration with the Theorem 1.1 lower bound, and improves monotonically', () => {
    const run = mirrorLearning(
      tabularGame(),
      {
        drift: parseDriftSpec('kl:50'),
        nu: 'sampling',
        neighbourhood: parseNeighbourhoodSpec('kl-ball:0.05'),
        sampling: { kind: 'uniform' },
      },
      { iterations: 10 },
    );
    expect(run.iterations).toHaveLength(11);
    expect(run.iterations[0].certificate).toBeNull();
    for (let n = 1; n < run.iterations.length; n++) {
      const [prev, cur] = [run.iterations[n - 1], run.iterations[n]];
      expect(cur.n).toBe(n);
      expect(cur.weightedDrift).toBeGreaterThanOrEqual(0);
      expect(cur.eta - prev.eta).toBeGreaterThanOrEqual(cur.weightedDrift - cur.errorBound.eta - prev.errorBound.eta);
      expect(cur.certificate!.feasible).toBe(true);
    }
  });

  test('off-policy sampling averages the visitations seen so far (Appendix E)', () => {
    const mdp = tabularGame();
    const run = mirrorLearning(mdp, parseInstanceSpec('mdpo-off'), { iterations: 3 });
    const rhos = run.iterations.map((r) => evaluatePolicy(mdp, r.policy).visitation);
    for (let n = 1; n <= 3; n++) {
      const beta = run.iterations[n].beta!;
      for (let s = 0; s < mdp.numStates; s++) {
        let mean = 0;
        for (let i = 0; i < n; i++) mean += rhos[i][s] / n;
        expect(beta[s]).toBeCloseTo(mean, 14);
      }
    }
  });

  test('stopWhen ends the run at the caller’s target', () => {
    const run = mirrorLearning(tabularGame(), parseInstanceSpec('ppo-kl:1'), {
      iterations: 200,
      stopWhen: (r) => r.gap <= 1e-3,
    });
    expect(run.stoppedBecause).toBe('stop-when');
    const last = run.iterations[run.iterations.length - 1];
    expect(last.gap).toBeLessThanOrEqual(1e-3);
    expect(run.iterations[run.iterations.length - 2].gap).toBeGreaterThan(1e-3);
  });
});
