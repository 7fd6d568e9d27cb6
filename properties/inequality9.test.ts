/** Property: Inequalities (8) and (9), over every configuration of the valid registry (src/verify/configs/registry.ts). */
import { pathWeightClaim } from '../src/verify/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(pathWeightClaim);
