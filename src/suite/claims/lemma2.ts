import { checkLemma2 } from '../../verify/lemma2.js';
import { updateClaim } from './updateClaim.js';

export const lemma2Claim = updateClaim(
  'lemma-2',
  'Lemma 2: the mirror update satisfies Condition 4 at every state',
  'Kuba et al. 2022, Lemma 2 (Section 3.2)',
  12,
  checkLemma2,
);
