export * from './greedy.js';
export * from './projectOntoSimplex.js';
export * from './decreasingRoot.js';
