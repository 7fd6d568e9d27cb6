/** Property: unbiasedness of the Eq. (6) estimator, over every configuration of the valid registry (src/suite/configs/registry.ts). */
import { estimatorClaim } from '../src/suite/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(estimatorClaim);
