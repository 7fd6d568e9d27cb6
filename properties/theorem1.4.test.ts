/** Property: Theorem 1.4 and the policy-DAG edge, over every configuration of the valid registry (src/suite/configs/registry.ts). */
import { theorem1_4Claim } from '../src/suite/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(theorem1_4Claim);
