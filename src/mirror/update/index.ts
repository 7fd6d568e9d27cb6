export * from './stateProblem.js';
export * from './genericStateSolver.js';
export * from './dualBisection.js';
export * from './solveStateWithBalls.js';
export * from './mirrorConfig.js';
export * from './updateCertificate.js';
export * from './mirrorUpdate.js';
export * from './epigraphUpdate.js';
