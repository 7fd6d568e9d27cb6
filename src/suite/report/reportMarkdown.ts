import type { Verdict } from '../../verify/verdict.js';
import type { CounterexampleReport } from './counterexampleReport.js';

const num = (x: number) => (Number.isFinite(x) ? String(x) : Number.isNaN(x) ? 'NaN' : x > 0 ? '+∞' : '−∞');

function matrix(rows: number[][]): string {
  return rows.map((r, s) => `| ${s} | ${r.map(num).join(' | ')} |`).join('\n');
}

/** The verdict as a small table of both sides, the margin and the error. */
export function verdictTable(v: Verdict): string {
  const where = Object.entries(v.where)
    .map(([k, x]) => `${k} ${x}`)
    .join(', ');
  return [
    `| | value |`,
    `| --- | --- |`,
    `| inequality | \`${v.inequality}\` |`,
    `| where | ${where || '—'} |`,
    `| left side | ${num(v.lhs)} |`,
    `| right side | ${num(v.rhs)} |`,
    `| margin (left − right) | ${num(v.margin)} |`,
    `| certified error | ${num(v.error)} |`,
    ...(v.reason ? [`| note | ${v.reason} |`] : []),
  ].join('\n');
}

/** The Markdown twin of a counterexample report. */
export function reportMarkdown(r: CounterexampleReport): string {
  const { states: S, actions: A } = r.size;
  const header = `| s | ${Array.from({ length: A }, (_, a) => `a${a}`).join(' | ')} |\n| --- | ${Array(A).fill('---').join(' | ')} |`;
  const policies = Object.entries(r.policies)
    .map(([name, rows]) => `**${name}**\n\n${header}\n${matrix(rows)}`)
    .join('\n\n');
  const numbers = Object.entries(r.numbers)
    .map(([k, x]) => `${k} = ${x}`)
    .join(', ');
  return `# Counterexample: ${r.claim.title}

- claim: \`${r.claim.id}\` — ${r.claim.reference}
- configuration: \`${r.config.label}\`
- size: ${S} state${S === 1 ? '' : 's'} × ${A} action${A === 1 ? '' : 's'}, γ = ${r.mdp.gamma}
- confirmed: **${r.confirmation.confirmed ? 'yes' : 'no'}** (${r.confirmation.method}) — ${r.confirmation.detail}
- found with seed ${r.seed}, path \`${r.path ?? '—'}\`, after ${r.runs} run${r.runs === 1 ? '' : 's'}${numbers ? `; ${numbers}` : ''}

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
