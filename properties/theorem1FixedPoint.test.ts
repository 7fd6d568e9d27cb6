/** Property: Theorem 1.4 and the policy-DAG edge, over every configuration of the valid registry (src/verify/configs/registry.ts). */
import { theorem1FixedPointClaim } from '../src/verify/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(theorem1FixedPointClaim);
