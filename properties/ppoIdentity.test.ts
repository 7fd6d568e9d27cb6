/** Property: the PPO identity, Eq. (7), over every configuration of the valid registry (src/suite/configs/registry.ts). */
import { ppoIdentityClaim } from '../src/suite/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(ppoIdentityClaim);
