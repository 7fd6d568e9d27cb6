import { InputError, showValue } from '../errors.js';
import { readArray, readFinite, readNames, readObject, readProbabilityRow } from './jsonFields.js';
import type { Mdp } from './mdp.js';

/** The format tag of an MDP file (docs/drifts.md, "1. Write the drift"). */
export const MDP_FORMAT = 'mdp/v1';

/**
 * Validates a parsed `mdp/v1` JSON document and returns the MDP in flat `Float64Array` form.
 * S and A are read from `reward` (`[S][A]`); `transition` must be `[S][A][S]` and `initial` `[S]`, probabilities
 * nonnegative and summing to 1 within SUM_TOLERANCE (then renormalised); `gamma ∈ [0, 1)`.
 * Throws InputError naming the field, the index and the value.
 */
export function parseMdp(json: unknown, fallbackName = 'mdp'): Mdp {
  const doc = readObject(json, 'mdp');
  if (doc.format !== MDP_FORMAT) {
    throw new InputError('format', `${showValue(doc.format)} is not a known format (expected "${MDP_FORMAT}")`);
  }
  let name = fallbackName;
  if (doc.name !== undefined) {
    if (typeof doc.name !== 'string') throw new InputError('name', `${showValue(doc.name)} is not a string`);
    name = doc.name;
  }
  if (doc.description !== undefined && typeof doc.description !== 'string') {
    throw new InputError('description', `${showValue(doc.description)} is not a string`);
  }
  const gamma = readFinite(doc.gamma, 'gamma');
  if (!(gamma >= 0 && gamma < 1)) throw new InputError('gamma', `${gamma} must be in [0, 1)`);

  const rewardRows = readArray(doc.reward, 'reward');
  const numStates = rewardRows.length;
  if (numStates === 0) throw new InputError('reward', 'has 0 states, expected at least 1');
  const numActions = readArray(rewardRows[0], 'reward[0]').length;
  if (numActions === 0) throw new InputError('reward[0]', 'has 0 actions, expected at least 1');
  const reward = new Float64Array(numStates * numActions);
  for (let s = 0; s < numStates; s++) {
    const row = readArray(rewardRows[s], `reward[${s}]`, numActions, 'the number of actions, from reward[0]');
    for (let a = 0; a < numActions; a++) reward[s * numActions + a] = readFinite(row[a], `reward[${s}][${a}]`);
  }

  const transitionRows = readArray(doc.transition, 'transition', numStates, 'the number of states, from reward');
  const transition = new Float64Array(numStates * numActions * numStates);
  for (let s = 0; s < numStates; s++) {
    const perAction = readArray(transitionRows[s], `transition[${s}]`, numActions, 'the number of actions');
    for (let a = 0; a < numActions; a++) {
      readProbabilityRow(
        perAction[a],
        `transition[${s}][${a}]`,
        numStates,
        transition,
        (s * numActions + a) * numStates,
        'the number of states',
      );
    }
  }

  const initial = new Float64Array(numStates);
  readProbabilityRow(doc.initial, 'initial', numStates, initial, 0, 'the number of states');

  return {
    name,
    numStates,
    numActions,
    gamma,
    initial,
    reward,
    transition,
    stateNames: readNames(doc.stateNames, 'stateNames', numStates),
    actionNames: readNames(doc.actionNames, 'actionNames', numActions),
    description: doc.description as string | undefined,
  };
}
