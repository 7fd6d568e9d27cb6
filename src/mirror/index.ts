export * from './drifts/index.js';
export * from './simplex/index.js';
export * from './neighbourhoods/index.js';
export * from './nu.js';
export * from './sampling.js';
export * from './update/index.js';
export * from './mirrorLearning.js';
export * from './instances.js';
