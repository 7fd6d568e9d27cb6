/** Property: the sampling distribution's hypotheses, over every configuration of the valid registry (src/verify/configs/registry.ts). */
import { samplingClaim } from '../src/verify/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(samplingClaim);
