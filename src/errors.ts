/**
 * Bad input from a user: a file, a flag, a spec string. The CLI prints `message` on one line and exits with code 2.
 * `field` names what was wrong (`transition[3][1]`, `--gamma`), so messages read `field: what is wrong`.
 */
export class InputError extends Error {
  readonly field: string;
  /** What is wrong, without the field (the message is `field: problem`). */
  readonly problem: string;
  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = 'InputError';
    this.field = field;
    this.problem = problem;
  }
}

/** Shows a user's value in an error message: strings quoted, long values cut. */
export function showValue(value: unknown): string {
  let text: string;
  if (typeof value === 'number') text = Number.isNaN(value) ? 'NaN' : String(value);
  else if (value === undefined) text = 'undefined';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
