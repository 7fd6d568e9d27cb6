/** Property: unbiasedness of the off-policy estimator (Appendix E), over every configuration of the valid registry (src/verify/configs/registry.ts). */
import { offPolicyEstimatorClaim } from '../src/verify/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(offPolicyEstimatorClaim);
