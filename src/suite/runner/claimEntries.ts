import type { Claim } from '../claims/claim.js';
import type { RegisteredConfig } from '../configs/configSpec.js';
import { RANDOM_ENTRY } from '../configs/construction.js';
import { VALID_CONFIGS } from '../configs/registry.js';

/**
 * The configurations the suite checks a claim on: the valid registry and the random-construction entry, or the
 * random-construction entry alone for a configuration-independent claim (`scope: 'once'`); only those it applies to.
 * `properties/claimSuite.ts` runs exactly these, and `mirror-check run` counts them for its progress line.
 */
export function claimEntries(claim: Claim): RegisteredConfig[] {
  const all = claim.scope === 'once' ? [RANDOM_ENTRY] : [...VALID_CONFIGS, RANDOM_ENTRY];
  return all.filter((e) => claim.applies(e));
}
