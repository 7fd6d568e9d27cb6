export * from './rounding.js';
export * from './exactFraction.js';
