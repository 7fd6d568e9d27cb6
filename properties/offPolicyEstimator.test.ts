/** Property: unbiasedness of the off-policy estimator (Appendix E), over every configuration of the valid registry (src/suite/configs/registry.ts). */
import { offPolicyEstimatorClaim } from '../src/suite/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(offPolicyEstimatorClaim);
