/** Property: unbiasedness of the Eq. (6) estimator, over every configuration of the valid registry (src/verify/configs/registry.ts). */
import { estimatorClaim } from '../src/verify/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(estimatorClaim);
