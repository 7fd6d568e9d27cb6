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

/** A violation as an annotation's title and message. */
export function violationAnnotation(
  v: {
    claim: string;
    config: string;
    inequality: string;
    margin: number;
    error: number;
    replay: string | null;
  },
  file?: string,
): Annotation {
  return {
    title: `${v.claim} on ${v.config}`,
    message:
      `${v.inequality} is violated: margin ${v.margin} beyond the certified error ${v.error}` +
      (v.replay ? `\nreplay: ${v.replay}` : ''),
    ...(file ? { file } : {}),
  };
}
