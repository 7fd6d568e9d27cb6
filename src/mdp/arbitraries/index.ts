export * from './mdpArbitrary.js';
export * from './policyArbitrary.js';
export * from './mdpWithPolicies.js';
