/** Property: Inequalities (8) and (9), over every configuration of the valid registry (src/suite/configs/registry.ts). */
import { pathWeightClaim } from '../src/suite/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(pathWeightClaim);
