export * from './policy.js';
export * from './luDecomposition.js';
export * from './actionValues.js';
export * from './evaluatePolicy.js';
export * from './bellmanResidual.js';
export * from './policyIteration.js';
export * from './valueIteration.js';
