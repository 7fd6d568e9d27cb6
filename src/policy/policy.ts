import { InputError } from '../errors.js';
import { readArray, readObject, readProbabilityRow } from '../mdp/jsonFields.js';

/**
 * A stationary policy π ∈ Π = ×_s P(A), flat row-major: `policy[s*A + a] = π(a|s)`
 * (Kuba et al. 2022, Mirror Learning, Section 2).
 */
export type Policy = Float64Array;

/** The uniform policy π(a|s) = 1/A. */
export function uniformPolicy(S: number, A: number): Policy {
  return new Float64Array(S * A).fill(1 / A);
}

/** The deterministic policy that plays `actions[s]` at state s. */
export function deterministicPolicy(actions: ArrayLike<number>, A: number): Policy {
  const pi = new Float64Array(actions.length * A);
  for (let s = 0; s < actions.length; s++) pi[s * A + actions[s]] = 1;
  return pi;
}

/** The action distribution π(·|s) as a view (no copy). */
export function policyRow(pi: Policy, s: number, A: number): Float64Array {
  return pi.subarray(s * A, (s + 1) * A);
}

/** A flat row-major S×A array as nested arrays `[S][A]` (for JSON output). */
export function toRows(flat: Float64Array, A: number): number[][] {
  const out: number[][] = [];
  for (let s = 0; s < flat.length / A; s++) out.push(Array.from(flat.subarray(s * A, (s + 1) * A)));
  return out;
}

/**
 * Validates a policy document: an `[S][A]` array of probabilities, or `{ "format": "policy/v1", "probabilities": … }`.
 * Rows must be nonnegative and sum to 1 within SUM_TOLERANCE (then renormalised).
 */
export function parsePolicy(json: unknown, S: number, A: number): Policy {
  let rows: unknown = json;
  let field = 'policy';
  if (!Array.isArray(json)) {
    const doc = readObject(json, 'policy');
    if (doc.format !== 'policy/v1') {
      throw new InputError(
        'policy.format',
        `${JSON.stringify(doc.format)} is not a known format (expected "policy/v1")`,
      );
    }
    rows = doc.probabilities;
    field = 'policy.probabilities';
  }
  const list = readArray(rows, field, S, 'the number of states of the MDP');
  const pi = new Float64Array(S * A);
  for (let s = 0; s < S; s++)
    readProbabilityRow(list[s], `${field}[${s}]`, A, pi, s * A, 'the number of actions of the MDP');
  return pi;
}
