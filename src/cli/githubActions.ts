import { relative, resolve, sep } from 'node:path';

/**
 * GitHub Actions workflow commands (https://docs.github.com/actions/reference/workflow-commands-for-github-actions):
 * one `::error` annotation per violation, shown on the run's summary page and, with `file`, on the file itself.
 * Written only when `GITHUB_ACTIONS=true`, to stderr (the runner reads both streams; stdout may be `--json`).
 */

/** Whether this process runs as a GitHub Actions step. */
export const onGitHubActions = (env: NodeJS.ProcessEnv = process.env): boolean => env.GITHUB_ACTIONS === 'true';

/** A workflow command's message: `%`, CR and LF escaped. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: also `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface Annotation {
  /** The claim on its configuration. */
  readonly title: string;
  /** The inequality, its margin and error, and the replay command. */
  readonly message: string;
  /** A path relative to the repository (the drift module), or none (the annotation then belongs to the workflow). */
  readonly file?: string;
}

/** `::error file=…,title=…::message`. */
export function errorAnnotation(a: Annotation): string {
  const props = [...(a.file ? [`file=${escapeProperty(a.file)}`] : []), `title=${escapeProperty(a.title)}`];
  return `::error ${props.join(',')}::${escapeData(a.message)}`;
}

/** One violated (claim, configuration): its inequality, margin and certified error, and how to replay it. */
export interface Violation {
  readonly claim: string;
  readonly config: string;
  readonly inequality: string;
  readonly margin: number;
  readonly error: number;
  readonly replay: string | null;
}

/**
 * The `::error` lines for a set of violations: one per claim (GitHub shows at most 10 error annotations per step), titled
 * by the claim and its first configuration, with the inequality, the margin beyond the certified error, the replay
 * command, and how many other configurations the claim failed on (all of them are in the step summary and the reports).
 * `file` is the drift module, relative to the repository.
 */
export function violationAnnotations(violations: readonly Violation[], file?: string): string[] {
  const byClaim = new Map<string, Violation[]>();
  for (const v of violations) byClaim.set(v.claim, [...(byClaim.get(v.claim) ?? []), v]);
  return [...byClaim.values()].map((all) => {
    const v = all[0];
    const more = all.length > 1 ? ` (and ${all.length - 1} more configuration${all.length > 2 ? 's' : ''})` : '';
    return errorAnnotation({
      title: `${v.claim} on ${v.config}${more}`,
      message:
        `${v.inequality} is violated: margin ${v.margin} beyond the certified error ${v.error}` +
        (v.replay ? `\nreplay: ${v.replay}` : ''),
      ...(file ? { file } : {}),
    });
  });
}

/** A path as GitHub resolves an annotation's `file`: relative to the workspace (the repository), with `/`. */
export function workspacePath(path: string, env: NodeJS.ProcessEnv = process.env): string {
  return relative(env.GITHUB_WORKSPACE ?? process.cwd(), resolve(path))
    .split(sep)
    .join('/');
}
