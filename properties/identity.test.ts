/** Property: the exact identity behind Lemma 1, over every configuration of the valid registry (src/suite/configs/registry.ts). */
import { exactIdentityClaim } from '../src/suite/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(exactIdentityClaim);
