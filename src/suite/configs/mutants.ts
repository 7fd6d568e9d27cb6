import { canonicalDrift, type Drift } from '../../mirror/drifts/drift.js';
import type { MirrorConfig } from '../../mirror/update/mirrorConfig.js';
import { mirrorUpdate } from '../../mirror/update/mirrorUpdate.js';
import type { UpdateInput, UpdateResult } from '../../mirror/update/updateResult.js';
import type { PolicyEvaluation } from '../../policy/evaluatePolicy.js';
import { uniformPolicy } from '../../policy/policy.js';
import { EXACT_ENGINE, type Engine } from '../../verify/step.js';

/**
 * Engine mutants: deliberately broken parts of the engine, kept apart like the teeth (`teeth.ts`). Each one must be
 * caught by some claim within the default budget (properties/teeth.test.ts), which shows that the claims test the
 * engine and not only the drifts. A mutant claims a certificate it has not earned, as a buggy solver would.
 */

/** A certificate that claims an exact answer (gap 0 everywhere). */
function claimsExact(r: UpdateResult, S: number): UpdateResult {
  return { ...r, certificate: { ...r.certificate, optimalityGap: 0, stateGaps: new Float64Array(S) } };
}

/** The exact update, then the state that moved most put back to π_old — with the certificate of the full update. */
function skipState(input: UpdateInput, config: MirrorConfig): UpdateResult {
  const r = mirrorUpdate(input, config);
  const { numStates: S, numActions: A } = input.mdp;
  let worst = -1;
  let most = 0;
  for (let s = 0; s < S; s++) {
    let moved = 0;
    for (let a = 0; a < A; a++) moved += Math.abs(r.piNew[s * A + a] - input.piOld[s * A + a]);
    if (moved > most) {
      most = moved;
      worst = s;
    }
  }
  if (worst < 0) return r;
  const piNew = Float64Array.from(r.piNew);
  piNew.set(input.piOld.subarray(worst * A, (worst + 1) * A), worst * A);
  return { ...r, piNew };
}

/** −D, value and gradient (what a sign slip in the penalty computes). */
function negated(drift: Drift): Drift {
  return canonicalDrift({
    name: `-(${drift.name})`,
    value: (piBar, pi, ctx) => -drift.value(piBar, pi, ctx),
    gradient: drift.gradient
      ? (piBar, pi, ctx, out) => {
          drift.gradient!(piBar, pi, ctx, out);
          for (let a = 0; a < out.length; a++) out[a] = -out[a];
        }
      : undefined,
  });
}

/** The penalty added instead of subtracted: maximises ⟨p, Q⟩ + (ν/β)·D inside the true neighbourhood; claims gap 0. */
function flipSign(input: UpdateInput, config: MirrorConfig): UpdateResult {
  const neighbourhood = {
    ...config.neighbourhood,
    balls: config.neighbourhood.balls.map((b) => (b.divergence === 'drift' ? { ...b, divergence: config.drift } : b)),
  };
  const r = mirrorUpdate(input, { ...config, drift: negated(config.drift), neighbourhood });
  return claimsExact(r, input.mdp.numStates);
}

/** A dual search that stops early, inside the ball (every radius halved), and claims an exact answer. */
function earlyDual(input: UpdateInput, config: MirrorConfig): UpdateResult {
  const neighbourhood = {
    ...config.neighbourhood,
    balls: config.neighbourhood.balls.map((b) => ({ ...b, radius: b.radius / 2 })),
  };
  return claimsExact(mirrorUpdate(input, { ...config, neighbourhood }), input.mdp.numStates);
}

/** ν/β taken as 1 (ν = β) when the configuration's ν is the visitation: solves the wrong objective, claims gap 0. */
function unitRatio(input: UpdateInput, config: MirrorConfig): UpdateResult {
  return claimsExact(mirrorUpdate(input, { ...config, nu: 'sampling' }), input.mdp.numStates);
}

/** V and η scaled by 1 + 2⁻³⁰ after certification (Q, A, ρ̄ left alone): an evaluator whose error bound lies. */
function inflate(e: PolicyEvaluation): PolicyEvaluation {
  const k = 1 + 2 ** -30;
  return { ...e, v: Float64Array.from(e.v, (x) => x * k), eta: e.eta * k };
}

/**
 * V and η of the uniform policy whatever π is asked for (a value cache that never invalidates); Q, A and ρ̄ are π's.
 */
function staleValues(e: PolicyEvaluation, evaluateUniform: () => PolicyEvaluation): PolicyEvaluation {
  const stale = evaluateUniform();
  return { ...e, v: Float64Array.from(stale.v), eta: stale.eta };
}

export const ENGINE_MUTANTS: Readonly<Record<string, Engine>> = {
  'skip-state': { ...EXACT_ENGINE, name: 'mutant:skip-state', update: skipState },
  'flip-sign': { ...EXACT_ENGINE, name: 'mutant:flip-sign', update: flipSign },
  'early-dual': { ...EXACT_ENGINE, name: 'mutant:early-dual', update: earlyDual },
  'unit-ratio': { ...EXACT_ENGINE, name: 'mutant:unit-ratio', update: unitRatio },
  'stale-values': {
    ...EXACT_ENGINE,
    name: 'mutant:stale-values',
    evaluator: (mdp) => {
      const inner = EXACT_ENGINE.evaluator(mdp);
      const uniform = uniformPolicy(mdp.numStates, mdp.numActions);
      return { evaluate: (pi) => staleValues(inner.evaluate(pi), () => inner.evaluate(uniform)) };
    },
    evaluateExactly: (mdp, pi) =>
      staleValues(EXACT_ENGINE.evaluateExactly(mdp, pi), () =>
        EXACT_ENGINE.evaluateExactly(mdp, uniformPolicy(mdp.numStates, mdp.numActions)),
      ),
  },
  'inflated-values': {
    ...EXACT_ENGINE,
    name: 'mutant:inflated-values',
    evaluator: (mdp) => {
      const inner = EXACT_ENGINE.evaluator(mdp);
      return { evaluate: (pi) => inflate(inner.evaluate(pi)) };
    },
    evaluateExactly: (mdp, pi) => inflate(EXACT_ENGINE.evaluateExactly(mdp, pi)),
  },
};
