import { checkPathWeightBound } from '../../verify/inequality9.js';
import { runClaim } from './runCase.js';

export const inequality9Claim = runClaim(
  'inequality-9',
  'Inequalities (8) and (9): η(π_{n+1}) − η(π_n) ≥ u·D^ν, Σ_n D^ν ≤ (η* − η(π_0))/u',
  'Kuba et al. 2022, Inequalities (8) and (9) (Section 6)',
  15,
  (run, optimum, evaluate, engine) => checkPathWeightBound(run, optimum, evaluate, engine).verdict,
);
