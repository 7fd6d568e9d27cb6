/** Property: the PPO identity, Eq. (7), over every configuration of the valid registry (src/verify/configs/registry.ts). */
import { ppoIdentityClaim } from '../src/verify/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(ppoIdentityClaim);
