import { loadReport, replayReport } from '../../suite/report/replay.js';
import { verdictTable } from '../../suite/report/reportMarkdown.js';
import { onePositional, parseCommandArgs } from '../args.js';
import { parseOptions } from '../commandSpecs.js';
import { loadUserDrifts } from '../userDrifts.js';

/**
 * `replay`: re-runs one counterexample report's check on its stored case and prints the verdict.
 * Exit 1 when it is still violated (the counterexample reproduces), 0 when it now holds.
 */
export async function replayCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('replay', argv, parseOptions('replay'));
  const path = onePositional('replay', positionals, 'report file');
  const extra = await loadUserDrifts(path);
  const loaded = loadReport(path, extra);
  const verdict = replayReport(loaded);
  const { report } = loaded;
  if (values.json) {
    process.stdout.write(
      JSON.stringify(
        {
          report: path,
          claim: report.claim.id,
          config: report.config.label,
          status: verdict.status,
          recorded: report.verdict.status,
          verdict,
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    process.stdout.write(
      `${report.claim.title}\nconfiguration: ${report.config.label}\ncase: ${report.size.states} states × ${report.size.actions} actions (${report.mdp.name})\n\n` +
        `${verdictTable(verdict)}\n\nverdict: ${verdict.status.toUpperCase()} (recorded: ${report.verdict.status})\n`,
    );
  }
  return verdict.status === 'violated' ? 1 : 0;
}
