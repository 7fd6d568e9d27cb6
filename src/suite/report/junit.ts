import type { ClaimRunResult } from '../runner/checkClaim.js';

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** A test suite of named cases beside the claims' (the teeth, the regressions): a case with a failure text fails. */
export interface JunitExtraSuite {
  readonly name: string;
  readonly cases: readonly { readonly name: string; readonly failure: string | null }[];
}

/**
 * JUnit XML of claim results: one <testsuite> per claim, one <testcase> per configuration; a violation is a <failure>
 * (inequality, margin, error, report path and replay command), a thrown check an <error>. `extra` suites follow.
 */
export function junitXml(
  name: string,
  results: readonly ClaimRunResult[],
  extra: readonly JunitExtraSuite[] = [],
): string {
  const byClaim = new Map<string, ClaimRunResult[]>();
  for (const r of results) byClaim.set(r.claim, [...(byClaim.get(r.claim) ?? []), r]);
  const suites = [...byClaim.entries()].map(([claim, rs]) => {
    const failures = rs.filter((r) => r.status === 'violated').length;
    const errors = rs.filter((r) => r.status === 'error').length;
    const time = rs.reduce((t, r) => t + r.durationMs, 0) / 1000;
    const cases = rs.map((r) => {
      const head = `    <testcase classname="${escape(claim)}" name="${escape(r.config)}" time="${(r.durationMs / 1000).toFixed(3)}">`;
      let body = '';
      if (r.status === 'violated' && r.report) {
        const v = r.report.verdict;
        const message = `${v.inequality}: margin ${v.margin}, certified error ${v.error}`;
        body = `\n      <failure message="${escape(message)}">${escape(`${message}\nreport: ${r.reportPath ?? '(not written)'}\nreplay: ${r.report.replay}`)}</failure>\n    `;
      } else if (r.status === 'error') {
        body = `\n      <error message="${escape(r.error ?? 'error')}"/>\n    `;
      }
      return `${head}${body}</testcase>`;
    });
    return `  <testsuite name="${escape(claim)}" tests="${rs.length}" failures="${failures}" errors="${errors}" time="${time.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  for (const x of extra) {
    const failures = x.cases.filter((c) => c.failure !== null).length;
    const cases = x.cases.map(
      (c) =>
        `    <testcase classname="${escape(x.name)}" name="${escape(c.name)}">` +
        (c.failure === null ? '' : `\n      <failure message="${escape(c.failure)}"/>\n    `) +
        '</testcase>',
    );
    suites.push(
      `  <testsuite name="${escape(x.name)}" tests="${x.cases.length}" failures="${failures}" errors="0">\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${escape(name)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
