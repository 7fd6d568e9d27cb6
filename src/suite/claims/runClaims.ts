import fc from 'fast-check';
import { mirrorLearning, type MirrorRun } from '../../mirror/mirrorLearning.js';
import { policyIteration, type OptimalSolution } from '../../policy/policyIteration.js';
import type { RegisteredConfig } from '../configs/configSpec.js';
import { evaluateExactly, exactOptimum } from '../../policy/exactEvaluation.js';
import { checkPathWeightBound } from '../../verify/inequality9.js';
import { checkTheorem1Convergence } from '../../verify/theorem1.2.js';
import type { Verdict } from '../../verify/verdict.js';
import { caseArbitrary } from './caseArbitraries.js';
import type { Claim, ClaimCase } from './claim.js';

/** Iterations of each generated run (the drift gate's: 8). */
export const RUN_ITERATIONS = 20;
export const GATE_RUN_ITERATIONS = 8;

/** Whether the configuration's drift or one of its balls meets Definitions 1–2 only at full-support policies. */
function interiorOnly(entry: RegisteredConfig): boolean {
  const { drift, neighbourhood } = entry.config;
  return (
    Boolean(drift.interiorOnly) ||
    neighbourhood.balls.some((b) => b.divergence !== 'drift' && b.divergence.interiorOnly)
  );
}

/** ½π + ½·uniform (full support). */
function towardUniform(pi: Float64Array, A: number): Float64Array {
  return Float64Array.from(pi, (x) => 0.5 * x + 0.5 / A);
}

/** A mirror-learning run from the case's π_0 with its iteration budget, and the certified optimum. */
export function caseRun(
  entry: RegisteredConfig,
  c: ClaimCase,
  exact = false,
): { run: MirrorRun; optimum: OptimalSolution } {
  const optimum = policyIteration(c.mdp);
  const run = mirrorLearning(c.mdp, entry.config, {
    iterations: c.numbers[0] ?? RUN_ITERATIONS,
    initialPolicy: c.policies[0],
    etaStar: { value: optimum.etaStar, error: optimum.errorBound.eta },
  });
  if (!exact) return { run, optimum };
  // Confirmation: every iterate and π* re-evaluated in rational arithmetic (the iterates themselves unchanged).
  const iterations = run.iterations.map((rec) => {
    const e = evaluateExactly(c.mdp, rec.policy);
    return { ...rec, v: e.v, eta: e.eta, errorBound: e.errorBound };
  });
  return { run: { ...run, iterations }, optimum: exactOptimum(c.mdp, optimum) };
}

function runClaim(
  id: string,
  title: string,
  reference: string,
  baseRuns: number,
  check: (run: MirrorRun, optimum: OptimalSolution) => Verdict,
): Claim {
  return {
    id,
    title,
    reference,
    policyNames: ['pi0'],
    numberNames: ['iterations'],
    baseRuns,
    confirmation: 'exact-evaluation',
    applies: () => true,
    arbitrary: (entry, options) =>
      caseArbitrary(1, 'run', fc.constant([options?.small ? GATE_RUN_ITERATIONS : RUN_ITERATIONS]), options).map((c) =>
        // An interior-only drift or ball is outside the hypotheses from a boundary π_0: start half-way to uniform.
        interiorOnly(entry) ? { ...c, policies: [towardUniform(c.policies[0], c.mdp.numActions)] } : c,
      ),
    check(entry, c, exact) {
      const { run, optimum } = caseRun(entry, c, exact);
      return check(run, optimum);
    },
  };
}

export const theorem1ConvergenceClaim = runClaim(
  'theorem-1.2',
  'Theorem 1.2–1.3: V_{π_n} → V* and η(π_n) → η* (a run may stop only at an optimal fixed point)',
  'Kuba et al. 2022, Theorem 1.2 and 1.3 (Section 3.2)',
  3,
  checkTheorem1Convergence,
);

export const pathWeightClaim = runClaim(
  'inequality-9',
  'Inequalities (8) and (9): η(π_{n+1}) − η(π_n) ≥ u·D^ν, Σ_n D^ν ≤ (η* − η(π_0))/u',
  'Kuba et al. 2022, Inequalities (8) and (9) (Section 6)',
  3,
  (run, optimum) => checkPathWeightBound(run, optimum).verdict,
);
