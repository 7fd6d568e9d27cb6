export * from './neighbourhood.js';
export * from './neighbourhoodSpec.js';
export * from './neighbourhoodArbitrary.js';
export * from './membership.js';
