/** Property: the sampling distribution's hypotheses, over every configuration of the valid registry (src/suite/configs/registry.ts). */
import { samplingClaim } from '../src/suite/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(samplingClaim);
