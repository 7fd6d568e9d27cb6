import { checkTheorem1Convergence } from '../../verify/theorem1.2.js';
import { runClaim } from './runCase.js';

export const theorem1_2Claim = runClaim(
  'theorem-1.2',
  'Theorem 1.2–1.3: V_{π_n} → V* and η(π_n) → η* (a run may stop only at an optimal fixed point)',
  'Kuba et al. 2022, Theorem 1.2 and 1.3 (Section 3.2)',
  15,
  checkTheorem1Convergence,
);
