/** mirror-check: the public library API. */
export * from './errors.js';
export * from './numeric/index.js';
export * from './mdp/index.js';
export * from './policy/index.js';
export * from './mirror/index.js';
export * from './verify/index.js';
export * from './suite/index.js';
