/** Property: Lemma 2, over every configuration of the valid registry (src/verify/configs/registry.ts). */
import { lemma2Claim } from '../src/verify/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(lemma2Claim);
