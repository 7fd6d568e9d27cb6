/** Property: Definition 2 (neighbourhood axioms), over every configuration of the valid registry (src/suite/configs/registry.ts). */
import { definition2Claim } from '../src/suite/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(definition2Claim);
