/** Property: Lemma 1, over every configuration of the valid registry (src/suite/configs/registry.ts). */
import { lemma1Claim } from '../src/suite/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(lemma1Claim);
