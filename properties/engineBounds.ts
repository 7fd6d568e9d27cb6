/** The linear-algebra helpers the engine properties share (one implementation, in src/verify). */
export { applyIMinusGammaPPi, applyPPi, maxAbs } from '../src/policy/linearOperators.js';
