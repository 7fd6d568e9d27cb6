/** Property: Lemma 2, over every configuration of the valid registry (src/suite/configs/registry.ts). */
import { lemma2Claim } from '../src/suite/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(lemma2Claim);
