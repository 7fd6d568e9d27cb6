/**
 * A progress line every `everyMs` (default 10 s) for logs that are not a terminal (CI): "what is done, out of what,
 * how long so far, how long to go" — a CI log otherwise stays silent for minutes (hours at `--runs 100`).
 */
/** Every progress line starts so, which keeps it apart from the one-line errors on the same stream. */
export const PROGRESS_PREFIX = '[progress] ';

export class ProgressLine {
  private readonly started: number;
  private last: number;

  constructor(
    private readonly label: string,
    private readonly write: (line: string) => void = (line) => process.stderr.write(line),
    private readonly everyMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
    this.last = this.started;
  }

  /** Whether a line is due (a caller with costly numbers to gather checks this first). */
  due(): boolean {
    return this.now() - this.last >= this.everyMs;
  }

  /** Reports `done` of `total` (null when the total is unknown) and `cases` so far; prints at most once per period. */
  update(done: number, total: number | null, cases: number): void {
    if (!this.due()) return;
    const t = this.now();
    this.last = t;
    this.write(this.line(done, total, cases, t) + '\n');
  }

  /**
   * Keeps printing from `state()` while the work runs, also when no check finishes for minutes (a long check, the deep
   * mode): the main thread is idle while worker threads work. Returns the function that stops it.
   */
  tick(state: () => { done: number; total: number | null; cases: number }): () => void {
    const timer = setInterval(
      () => {
        const s = state();
        this.update(s.done, s.total, s.cases);
      },
      Math.min(2000, this.everyMs),
    );
    timer.unref();
    return () => clearInterval(timer);
  }

  line(done: number, total: number | null, cases: number, t: number = this.now()): string {
    const elapsed = (t - this.started) / 1000;
    const of = total === null ? `${done} checks done` : `${done}/${total} checks`;
    const eta =
      total !== null && done > 0 && done < total ? `, ~${Math.ceil((elapsed / done) * (total - done))} s to go` : '';
    return `${PROGRESS_PREFIX}${this.label}: ${of}, ${cases} cases, ${elapsed.toFixed(0)} s elapsed${eta}`;
  }
}
