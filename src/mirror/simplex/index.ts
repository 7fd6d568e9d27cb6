export * from './greedy.js';
export * from './projectOntoSimplex.js';
export * from './bracketRoot.js';
export * from './scaleFreeRoot.js';
