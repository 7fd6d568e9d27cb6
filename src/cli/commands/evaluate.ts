import { readMdpFile } from '../../mdp/readMdpFile.js';
import { evaluatePolicy } from '../../policy/evaluatePolicy.js';
import { onePositional, parseCommandArgs } from '../args.js';
import { parseOptions } from '../commandSpecs.js';
import { loadPolicy } from '../loadPolicy.js';
import { names, toRows } from '../nested.js';
import { formatNumber, textTable } from '../../suite/report/textTable.js';

/** `evaluate`: V, Q, A, ρ̄ and η of a policy, with certified error bounds. */
export function evaluateCommand(argv: string[]): number {
  const { values, positionals } = parseCommandArgs('evaluate', argv, parseOptions('evaluate'));
  const mdp = readMdpFile(onePositional('evaluate', positionals, 'MDP file'));
  const pi = loadPolicy(values.policy as string | undefined, mdp);
  const ev = evaluatePolicy(mdp, pi);
  const A = mdp.numActions;
  if (values.json) {
    const out = {
      mdp: mdp.name,
      v: Array.from(ev.v),
      q: toRows(ev.q, A),
      advantage: toRows(ev.advantage, A),
      visitation: Array.from(ev.visitation),
      eta: ev.eta,
      errorBound: ev.errorBound,
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  const stateNames = names(mdp.stateNames, mdp.numStates, 's');
  const actionNames = names(mdp.actionNames, A, 'a');
  const rows = stateNames.map((name, s) => [
    name,
    ev.v[s],
    ev.visitation[s],
    ...actionNames.map((_, a) => ev.q[s * A + a]),
  ]);
  process.stdout.write(`${mdp.name}: S=${mdp.numStates}, A=${A}, gamma=${mdp.gamma}\n`);
  process.stdout.write(`eta = ${formatNumber(ev.eta)}  (certified error <= ${ev.errorBound.eta.toExponential(2)})\n\n`);
  process.stdout.write(textTable(['state', 'V', 'rhoBar', ...actionNames.map((a) => `Q[${a}]`)], rows));
  const e = ev.errorBound;
  process.stdout.write(
    `\ncertified error bounds: V ${e.v.toExponential(2)}, Q ${e.q.toExponential(2)}, A ${e.advantage.toExponential(2)}, ` +
      `rhoBar (l1) ${e.visitation.toExponential(2)}\n`,
  );
  return 0;
}
