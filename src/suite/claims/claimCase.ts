import type { Mdp } from '../../mdp/mdp.js';
import type { PolicyEvaluation } from '../../policy/evaluatePolicy.js';
import type { Policy } from '../../policy/policy.js';
import { configLabel, resolveConfig, type RegisteredConfig } from '../configs/configSpec.js';
import type { ClaimCase } from './claim.js';

const resolved = new Map<string, RegisteredConfig>();

/**
 * The configuration a case is checked in: its own drawn construction (`ClaimCase.spec`, rebuilt once and cached by
 * label), or the registered one it runs under — with the entry's engine either way.
 */
export function entryOf(entry: RegisteredConfig, c: ClaimCase): RegisteredConfig {
  if (!c.spec) return entry;
  const key = configLabel(c.spec);
  let hit = resolved.get(key);
  if (!hit) {
    hit = resolveConfig(c.spec);
    resolved.set(key, hit);
  }
  return hit.engine === entry.engine ? hit : { ...hit, engine: entry.engine };
}

/**
 * Whether the MDP has a decision to make: some state where two actions differ in reward or (when γ > 0) in where they
 * lead. Without one every policy has the same values and a claim about improvement cannot fail.
 */
export function decisionMdp(mdp: Mdp): boolean {
  const { numStates: S, numActions: A, gamma, reward, transition } = mdp;
  for (let s = 0; s < S; s++) {
    for (let a = 1; a < A; a++) {
      if (reward[s * A + a] !== reward[s * A]) return true;
      if (gamma === 0) continue;
      for (let t = 0; t < S; t++) if (transition[(s * A + a) * S + t] !== transition[s * A * S + t]) return true;
    }
  }
  return false;
}

/** π_new ≠ π_old somewhere. */
export function moved(piOld: Policy, piNew: Policy): boolean {
  for (let i = 0; i < piOld.length; i++) if (piOld[i] !== piNew[i]) return true;
  return false;
}

/** The evaluation of a policy by the entry's engine, in floating point or (confirmation) exactly. */
export function evaluation(entry: RegisteredConfig, mdp: Mdp, exact = false): (pi: Policy) => PolicyEvaluation {
  if (exact) return (pi) => entry.engine.evaluateExactly(mdp, pi);
  const ev = entry.engine.evaluator(mdp);
  return (pi) => ev.evaluate(pi);
}
