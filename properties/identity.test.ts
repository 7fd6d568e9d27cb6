/** Property: the exact identity behind Lemma 1, over every configuration of the valid registry (src/suite/configs/registry.ts). */
import { identityClaim } from '../src/suite/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(identityClaim);
