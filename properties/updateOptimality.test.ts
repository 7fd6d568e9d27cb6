/** Property: the update is the argmax of Eq. (5) (Definition 3), over every configuration of the valid registry. */
import { updateOptimalityClaim } from '../src/suite/claims/index.js';
import { claimSuite } from './claimSuite.js';

claimSuite(updateOptimalityClaim);
