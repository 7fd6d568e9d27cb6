/** Property: Theorem 1.2 and 1.3, over every configuration of the valid registry (src/suite/configs/registry.ts). */
import { theorem1_2Claim } from '../src/suite/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(theorem1_2Claim);
