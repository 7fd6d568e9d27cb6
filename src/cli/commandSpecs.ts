/**
 * Every command's usage, summary and flags — the one source of `--help`, of the flags `parseArgs` accepts, and of
 * docs/cli.md's tables (a test checks they agree). Light on purpose: `main` imports only this module to print help or
 * route a command, and loads the command's implementation (and with it mathjs, fast-check, the engine) on demand.
 */
import { DEFAULT_SEED } from '../suite/configs/defaults.js';

export interface FlagSpec {
  /** `string` takes a value (`--seed 4`), `boolean` is a switch. */
  readonly type: 'string' | 'boolean';
  /** The value's placeholder in help (`N`, `<file>`); empty for a switch. */
  readonly value: string;
  /** The default, as help prints it ('' when there is none). */
  readonly default: string;
  readonly meaning: string;
}

export interface CommandSpec {
  readonly usage: string;
  readonly summary: string;
  /** Positional arguments, as help prints them ('' for none). */
  readonly positionals: string;
  readonly flags: Readonly<Record<string, FlagSpec>>;
}

const flag = (type: FlagSpec['type'], value: string, byDefault: string, meaning: string): FlagSpec => ({
  type,
  value,
  default: byDefault,
  meaning,
});
const JSON_FLAG = flag('boolean', '', 'off', 'print the result as one JSON document on stdout instead of text');
const SEED_FLAG = flag('string', 'N', String(DEFAULT_SEED), 'fast-check seed: the same seed draws the same cases');

export const COMMAND_SPECS = {
  run: {
    usage: 'mirror-check run [--shard i/n] [--seed N] [--runs K] [--workers N] [--junit <file>] [--json] [--out <dir>]',
    summary: 'the main job: every claim over the built-in registry and the paper environments',
    positionals: '',
    flags: {
      shard: flag('string', 'i/n', 'all', 'run the i-th of n shards of the suite (for a CI matrix over machines)'),
      seed: SEED_FLAG,
      runs: flag('string', 'K', '1', 'multiply every property run count by K (100 is the deep mode)'),
      workers: flag('string', 'N', 'cores', 'worker threads'),
      junit: flag('string', '<file>', 'none', 'also write JUnit XML there'),
      json: JSON_FLAG,
      out: flag('string', '<dir>', 'reports', 'where summary.md and summary.json are written'),
    },
  },
  evaluate: {
    usage: 'mirror-check evaluate <mdp.json> [--policy <file>|uniform] [--json]',
    summary: 'exact V, Q, A, visitation and eta of a policy',
    positionals: '<mdp.json>  an mdp/v1 file',
    flags: {
      policy: flag('string', '<file>|uniform', 'uniform', 'the policy: an [S][A] array or a policy/v1 file'),
      json: JSON_FLAG,
    },
  },
  solve: {
    usage: 'mirror-check solve <mdp.json> [--json]',
    summary: 'V*, eta* and an optimal deterministic policy',
    positionals: '<mdp.json>  an mdp/v1 file',
    flags: { json: JSON_FLAG },
  },
  learn: {
    usage:
      'mirror-check learn <mdp.json> [--instance <name>] [--drift <spec>] [--neighbourhood <spec>] [--sampling <spec>] ' +
      '[--nu <spec>] [--iterations N] [--init uniform|<file>] [--json]',
    summary: 'mirror learning with exact updates, per iteration',
    positionals: '<mdp.json>  an mdp/v1 file',
    flags: {
      instance: flag(
        'string',
        '<name>',
        'none',
        'start from an instance (gpi, trl, trpo, ppo, ppo-kl, mdpo, mdpo-off); flags override its parts',
      ),
      drift: flag('string', '<spec>', 'zero', 'the drift, e.g. kl, 50*l2, 3*square(chi2)+rkl (docs/engine.md)'),
      neighbourhood: flag('string', '<spec>', 'trivial', 'the neighbourhood, e.g. kl-ball:0.05, drift-ball:0.1'),
      sampling: flag('string', '<spec>', 'uniform', 'β: uniform, visitation, off-policy or fixed:<w0>,<w1>,…'),
      nu: flag('string', '<spec>', 'sampling', 'the drift weight ν: sampling (ν = β), visitation or max-state'),
      iterations: flag('string', 'N', '50', 'iterations (the run stops earlier at a fixed point)'),
      init: flag('string', 'uniform|<file>', 'uniform', 'the initial policy'),
      json: JSON_FLAG,
    },
  },
  generate: {
    usage: 'mirror-check generate --seed N --states S --actions A [--garnet b] [--gamma g] [--out <file>] [--json]',
    summary: 'a seeded random MDP (dense or Garnet) as mdp/v1',
    positionals: '',
    flags: {
      seed: flag('string', 'N', 'required', 'seedrandom seed: the same seed gives the same bytes everywhere'),
      states: flag('string', 'S', 'required', 'number of states (1 to 5000)'),
      actions: flag('string', 'A', 'required', 'number of actions (1 to 1000)'),
      garnet: flag('string', 'b', 'dense', 'Garnet(S, A, b): b random successors per (s, a), rewards in [0, 1)'),
      gamma: flag('string', 'g', '0.9', 'the discount factor, in [0, 1)'),
      out: flag('string', '<file>', 'stdout', 'write the MDP there (atomically) instead of to stdout'),
      json: flag(
        'boolean',
        '',
        'off',
        'with --out: print what was written as JSON ({ out, states, actions, gamma, seed })',
      ),
    },
  },
  drift: {
    usage:
      'mirror-check drift <module.ts|module.js> | --expr "<mathjs expression>" [--runs N] [--seed N] [--budget SECONDS] ' +
      '[--timeout SECONDS] [--workers N] [--strict] [--json] [--junit <file>] [--reports <dir>]',
    summary: 'the CI gate for a new drift: axioms, then every theorem under each neighbourhood and sampling',
    positionals: '<module>  a .js/.mjs (or .ts, with tsx installed) module exporting `drift` (docs/drifts.md)',
    flags: {
      expr: flag(
        'string',
        '"<expression>"',
        'none',
        'the drift as a mathjs expression in pi, piBar, A (instead of a module)',
      ),
      runs: flag('string', 'N', 'per claim', "cases per (claim, configuration) instead of each claim's own count"),
      seed: SEED_FLAG,
      budget: flag('string', 'SECONDS', '50', 'time cap of the whole gate (the cases not reached are named)'),
      timeout: flag('string', 'SECONDS', 'max(60, 2·budget)', 'give up (exit 2) when no check finishes for this long'),
      workers: flag('string', 'N', 'min(2, cores)', 'worker threads'),
      strict: flag('boolean', '', 'off', 'exit 1 when a claim had no meaningful case or the time cap cut the plan'),
      json: JSON_FLAG,
      junit: flag('string', '<file>', 'none', 'also write JUnit XML there'),
      reports: flag('string', '<dir>', 'reports/counterexamples', 'where counterexample reports are written'),
    },
  },
  reproduce: {
    usage: 'mirror-check reproduce [--out <dir>] [--only <environment,...>] [--workers N] [--json]',
    summary: "the paper's Figure 3 with exact updates: SVG plots and a table of final returns",
    positionals: '',
    flags: {
      out: flag('string', '<dir>', 'reports/figure3', 'where the SVG panels, README.md and summary.json are written'),
      only: flag('string', '<env,...>', 'all', 'single-step-game, tabular-game and/or gridworld'),
      workers: flag('string', 'N', 'min(2, cores)', 'worker threads'),
      json: JSON_FLAG,
    },
  },
  replay: {
    usage: 'mirror-check replay <report.json> [--json]',
    summary: 'replay one counterexample report and print its verdict',
    positionals: '<report.json>  a counterexample report (mirror-check/counterexample/v1)',
    flags: { json: JSON_FLAG },
  },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMAND_SPECS;

/** The `parseArgs` options of a command's flags. */
export function parseOptions(command: CommandName): Record<string, { type: 'string' | 'boolean' }> {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const [name, f] of Object.entries(COMMAND_SPECS[command].flags as Record<string, FlagSpec>)) {
    options[name] = { type: f.type };
  }
  return options;
}

/** `mirror-check <command> --help`: usage, arguments, and every flag with its default and meaning. */
export function commandHelp(command: CommandName): string {
  const spec: CommandSpec = COMMAND_SPECS[command];
  const rows = Object.entries(spec.flags).map(([name, f]) => [`--${name}${f.value ? ` ${f.value}` : ''}`, f]);
  const width = Math.max(...rows.map(([left]) => (left as string).length));
  const lines = [`usage: ${spec.usage}`, '', spec.summary, ''];
  if (spec.positionals) lines.push('Arguments:', `  ${spec.positionals}`, '');
  lines.push('Flags:');
  for (const [left, f] of rows as [string, FlagSpec][]) {
    lines.push(`  ${left.padEnd(width)}  ${f.meaning}${f.default ? ` (default: ${f.default})` : ''}`);
  }
  lines.push('  --help'.padEnd(width + 4) + 'this help');
  return lines.join('\n') + '\n';
}
