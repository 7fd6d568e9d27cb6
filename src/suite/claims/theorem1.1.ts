import { checkTheorem1Improvement } from '../../verify/theorem1.1.js';
import { updateClaim } from './updateClaim.js';

export const theorem1_1Claim = updateClaim(
  'theorem-1.1',
  'Theorem 1.1: η(π_new) ≥ η(π_old) + E_d[(ν/β)D], and per state V_new − V_old ≥ (ν/β)D (Eq. 14)',
  'Kuba et al. 2022, Theorem 1.1 and Eq. (14) (Section 3.2, Appendix B)',
  12,
  checkTheorem1Improvement,
);
