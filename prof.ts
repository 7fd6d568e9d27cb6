import { tabularGame, mirrorLearning, parseDriftSpec, parseNeighbourhoodSpec } from './src/index.js';
const t0 = performance.now();
mirrorLearning(tabularGame(), { drift: parseDriftSpec('tv2:1'), nu: 'sampling', neighbourhood: parseNeighbourhoodSpec('kl-ball:0.05'), sampling: { kind: 'uniform' } }, { iterations: 3 });
console.log('ms', performance.now() - t0);
