/** Property: Definition 1 (drift axioms), over every configuration of the valid registry (src/suite/configs/registry.ts). */
import { definition1Claim } from '../src/suite/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(definition1Claim);
