import { readMdpFile } from '../../mdp/readMdpFile.js';
import { policyIteration } from '../../policy/policyIteration.js';
import { onePositional, parseCommandArgs } from '../args.js';
import { parseOptions } from '../commandSpecs.js';
import { names, toRows } from '../nested.js';
import { formatNumber, textTable } from '../../suite/report/textTable.js';

/** `solve`: V*, η* and an optimal deterministic policy by policy iteration, certified by the Bellman residual. */
export function solveCommand(argv: string[]): number {
  const { values, positionals } = parseCommandArgs('solve', argv, parseOptions('solve'));
  const mdp = readMdpFile(onePositional('solve', positionals, 'MDP file'));
  const sol = policyIteration(mdp);
  const A = mdp.numActions;
  if (values.json) {
    const out = {
      mdp: mdp.name,
      vStar: Array.from(sol.vStar),
      etaStar: sol.etaStar,
      policy: toRows(sol.policy, A),
      actions: Array.from(sol.actions),
      iterations: sol.iterations,
      errorBound: sol.errorBound,
      bellmanResidual: sol.bellmanResidual,
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  const stateNames = names(mdp.stateNames, mdp.numStates, 's');
  const actionNames = names(mdp.actionNames, A, 'a');
  process.stdout.write(`${mdp.name}: S=${mdp.numStates}, A=${A}, gamma=${mdp.gamma}\n`);
  process.stdout.write(
    `eta* = ${formatNumber(sol.etaStar)}  (certified error <= ${sol.errorBound.eta.toExponential(2)}), ` +
      `policy iteration: ${sol.iterations} iterations, Bellman residual ${sol.bellmanResidual.toExponential(2)}\n\n`,
  );
  const rows = stateNames.map((name, s) => [name, sol.vStar[s], actionNames[sol.actions[s]]]);
  process.stdout.write(textTable(['state', 'V*', 'optimal action'], rows));
  return 0;
}
