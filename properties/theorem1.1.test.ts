/** Property: Theorem 1.1 and Eq. (14), over every configuration of the valid registry (src/suite/configs/registry.ts). */
import { theorem1_1Claim } from '../src/suite/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(theorem1_1Claim);
