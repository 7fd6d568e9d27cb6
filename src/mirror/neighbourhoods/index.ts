export * from './neighbourhood.js';
export * from './neighbourhoodSpec.js';
