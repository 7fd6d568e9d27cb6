import { InputError } from '../../errors.js';
import { generateMdp } from '../../mdp/generateMdp.js';
import { mdpToJsonText } from '../../mdp/mdpToJson.js';
import { integerFlag, numberFlag, parseCommandArgs } from '../args.js';
import { parseOptions } from '../commandSpecs.js';
import { writeOutput } from '../writeOutput.js';

/** `generate`: a reproducible random MDP (dense, or Garnet with --garnet b) as an `mdp/v1` file. */
export function generateCommand(argv: string[]): number {
  const { values, positionals } = parseCommandArgs('generate', argv, parseOptions('generate'));
  if (positionals.length > 0) throw new InputError('generate', `unexpected argument ${JSON.stringify(positionals[0])}`);
  for (const required of ['seed', 'states', 'actions']) {
    if (values[required] === undefined) throw new InputError(`--${required}`, 'is required');
  }
  const states = integerFlag('states', values.states, 0, 1, 5000);
  const mdp = generateMdp({
    seed: integerFlag('seed', values.seed, 0, -(2 ** 53 - 1)),
    states,
    actions: integerFlag('actions', values.actions, 0, 1, 1000),
    garnet: values.garnet === undefined ? undefined : integerFlag('garnet', values.garnet, 0, 1, states),
    gamma: numberFlag('gamma', values.gamma, 0.9),
  });
  const out = values.out as string | undefined;
  writeOutput(mdpToJsonText(mdp), out);
  // Without --out the MDP itself is the JSON on stdout; with it, --json says what was written.
  if (values.json && out !== undefined) {
    const { numStates, numActions, gamma } = mdp;
    process.stdout.write(
      JSON.stringify({ out, states: numStates, actions: numActions, gamma, seed: Number(values.seed) }) + '\n',
    );
  }
  return 0;
}
