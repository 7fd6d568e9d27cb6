import type { Verdict } from '../../verify/verdict.js';
import { codeCell, markdownTable } from './markdownTable.js';
import type { CounterexampleReport } from './counterexampleReport.js';

const num = (x: number) => (Number.isFinite(x) ? String(x) : Number.isNaN(x) ? 'NaN' : x > 0 ? '+∞' : '−∞');

function policyTable(rows: number[][], A: number): string {
  return markdownTable(
    ['s', ...Array.from({ length: A }, (_, a) => `a${a}`)],
    rows.map((r, s) => [String(s), ...r.map(num)]),
  );
}

/** Longest fast-check path shown in Markdown; the JSON report keeps the whole path for `replay`. */
const PATH_SHOWN = 60;

/** The fast-check path, cut to its first PATH_SHOWN characters (it runs to ~1,000 after a long shrink). */
export function shortPath(path: string | null): string {
  if (path === null) return '—';
  if (path.length <= PATH_SHOWN) return path;
  return `${path.slice(0, PATH_SHOWN)}… (${path.split(':').length} steps; the whole path is in the JSON report)`;
}

/** The verdict as a small table of both sides, the margin and the error. */
export function verdictTable(v: Verdict): string {
  const where = Object.entries(v.where)
    .map(([k, x]) => `${k} ${x}`)
    .join(', ');
  return markdownTable(
    ['', 'value'],
    [
      ['inequality', codeCell(v.inequality)],
      ['where', where || '—'],
      ['left side', num(v.lhs)],
      ['right side', num(v.rhs)],
      ['margin (left − right)', num(v.margin)],
      ['certified error', num(v.error)],
      ...(v.reason ? [['note', v.reason]] : []),
    ],
  );
}

/** The Markdown twin of a counterexample report. */
export function reportMarkdown(r: CounterexampleReport): string {
  const { states: S, actions: A } = r.size;
  const policies = Object.entries(r.policies)
    .map(([name, rows]) => `**${name}**\n\n${policyTable(rows, A)}`)
    .join('\n\n');
  const numbers = Object.entries(r.numbers)
    .map(([k, x]) => `${k} = ${x}`)
    .join(', ');
  return `# Counterexample: ${r.claim.title}

- claim: \`${r.claim.id}\` — ${r.claim.reference}
- configuration: \`${r.config.label}\`
- size: ${S} state${S === 1 ? '' : 's'} × ${A} action${A === 1 ? '' : 's'}, γ = ${r.mdp.gamma}
- confirmed: **${r.confirmation.confirmed ? 'yes' : 'no'}** (${r.confirmation.method}) — ${r.confirmation.detail}
- found with seed ${r.seed}, path \`${shortPath(r.path)}\`, after ${r.runs} run${r.runs === 1 ? '' : 's'}${numbers ? `; ${numbers}` : ''}

## The violated inequality

${verdictTable(r.verdict)}

## Replay

\`\`\`
${r.replay}
\`\`\`

## The MDP (\`mdp/v1\`)

\`\`\`json
${JSON.stringify(r.mdp)}
\`\`\`

## Policies

${policies}
`;
}
