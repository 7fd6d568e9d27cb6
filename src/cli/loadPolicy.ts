import type { Mdp } from '../mdp/mdp.js';
import { readJsonFile } from '../mdp/readJsonFile.js';
import { parsePolicy, uniformPolicy, type Policy } from '../policy/policy.js';

/** `--policy uniform` (the default) or a policy file validated against the MDP's S and A. */
export function loadPolicy(spec: string | undefined, mdp: Mdp): Policy {
  if (spec === undefined || spec === 'uniform') return uniformPolicy(mdp.numStates, mdp.numActions);
  return parsePolicy(readJsonFile(spec, '--policy'), mdp.numStates, mdp.numActions);
}
