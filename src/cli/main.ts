import { InputError } from '../errors.js';
import { EVALUATE_USAGE, evaluateCommand } from './commands/evaluate.js';
import { GENERATE_USAGE, generateCommand } from './commands/generate.js';
import { LEARN_USAGE, learnCommand } from './commands/learn.js';
import { DRIFT_USAGE, driftCommand } from './commands/drift.js';
import { REPLAY_USAGE, replayCommand } from './commands/replay.js';
import { REPRODUCE_USAGE, reproduceCommand } from './commands/reproduce.js';
import { RUN_USAGE, runCommand } from './commands/run.js';
import { SOLVE_USAGE, solveCommand } from './commands/solve.js';

/** Exit codes (DESIGN §4): 0 verified / done, 1 a counterexample found, 2 bad input or usage, 3 an internal error. */
export const EXIT = { ok: 0, counterexample: 1, badInput: 2, internal: 3 } as const;

const COMMANDS: Record<string, { run: (argv: string[]) => number | Promise<number>; usage: string; summary: string }> =
  {
    run: {
      run: runCommand,
      usage: RUN_USAGE,
      summary: 'the main job: every claim over the built-in registry and the paper environments',
    },
    evaluate: { run: evaluateCommand, usage: EVALUATE_USAGE, summary: 'exact V, Q, A, visitation and eta of a policy' },
    solve: { run: solveCommand, usage: SOLVE_USAGE, summary: 'V*, eta* and an optimal deterministic policy' },
    learn: { run: learnCommand, usage: LEARN_USAGE, summary: 'mirror learning with exact updates, per iteration' },
    generate: {
      run: generateCommand,
      usage: GENERATE_USAGE,
      summary: 'a seeded random MDP (dense or Garnet) as mdp/v1',
    },
    drift: {
      run: driftCommand,
      usage: DRIFT_USAGE,
      summary: 'the CI gate for a new drift: axioms, then every theorem under each neighbourhood and sampling',
    },
    reproduce: {
      run: reproduceCommand,
      usage: REPRODUCE_USAGE,
      summary: "the paper's Figure 3 with exact updates: SVG plots and a table of final returns",
    },
    replay: {
      run: replayCommand,
      usage: REPLAY_USAGE,
      summary: 'replay one counterexample report and print its verdict',
    },
  };

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}\n      ${c.usage}`);
  return `mirror-check: verify Mirror Learning (Kuba et al. 2022) on exact tabular MDPs\n\nCommands:\n${lines.join('\n')}\n\nExit codes: 0 ok, 1 counterexample found, 2 bad input or usage, 3 internal error.\n`;
}

/** Runs the CLI on `argv` (without node and the script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(usage());
    return command === undefined ? EXIT.badInput : EXIT.ok;
  }
  const entry = COMMANDS[command];
  try {
    if (!entry)
      throw new InputError(
        'command',
        `unknown command ${JSON.stringify(command)} (try: ${Object.keys(COMMANDS).join(', ')})`,
      );
    if (rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(`usage: ${entry.usage}\n`);
      return EXIT.ok;
    }
    return await entry.run(rest);
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`mirror-check: ${e.message}\n`);
      return EXIT.badInput;
    }
    process.stderr.write(`mirror-check: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return EXIT.internal;
  }
}
