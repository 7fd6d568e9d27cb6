/** Property: Inequalities (8) and (9), over every configuration of the valid registry (src/suite/configs/registry.ts). */
import { inequality9Claim } from '../src/suite/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(inequality9Claim);
