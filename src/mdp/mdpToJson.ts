import type { Mdp } from './mdp.js';
import { MDP_FORMAT } from './parseMdp.js';

/** The `mdp/v1` JSON document of an MDP (nested arrays; numbers print in shortest round-trip form). */
export interface MdpJson {
  format: typeof MDP_FORMAT;
  name: string;
  description?: string;
  gamma: number;
  initial: number[];
  reward: number[][];
  transition: number[][][];
  stateNames?: string[];
  actionNames?: string[];
}

/** Converts an MDP to its `mdp/v1` document; `parseMdp(mdpToJson(m))` gives back `m` exactly. */
export function mdpToJson(mdp: Mdp): MdpJson {
  const { numStates: S, numActions: A } = mdp;
  const json: MdpJson = {
    format: MDP_FORMAT,
    name: mdp.name,
    ...(mdp.description !== undefined ? { description: mdp.description } : {}),
    gamma: mdp.gamma,
    initial: Array.from(mdp.initial),
    reward: [],
    transition: [],
  };
  for (let s = 0; s < S; s++) {
    json.reward.push(Array.from(mdp.reward.subarray(s * A, (s + 1) * A)));
    const rows: number[][] = [];
    for (let a = 0; a < A; a++) rows.push(Array.from(mdp.transition.subarray((s * A + a) * S, (s * A + a + 1) * S)));
    json.transition.push(rows);
  }
  if (mdp.stateNames) json.stateNames = [...mdp.stateNames];
  if (mdp.actionNames) json.actionNames = [...mdp.actionNames];
  return json;
}

/** The MDP as compact JSON text: one line per state row keeps a 1000-state file readable by tools and diff. */
export function mdpToJsonText(mdp: Mdp): string {
  return JSON.stringify(mdpToJson(mdp)) + '\n';
}
