import fc from 'fast-check';
import { SEED } from './budget.js';

// Every property in every worker starts from the same printed seed (see vitest.globalSetup.ts).
fc.configureGlobal({ seed: SEED });
