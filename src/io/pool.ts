import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { InputError } from '../errors.js';

/**
 * The one worker pool of mirror-check (`run`, `drift`, `reproduce` and the property files all go through it): a
 * piscina pool of worker threads, each task a plain-data job sent to a task module's default export, results back in
 * the jobs' order. A watchdog ends the pool when no job finishes for `stallMs` (a user's drift that never returns, even
 * while its module loads). A task module written in TypeScript (the source tree, under vitest) is loaded through tsx,
 * so tests run the same threads as the built package.
 */
export interface PoolOptions<J, R> {
  /** Worker threads (≥ 1). Each one imports the task module once and keeps it (and whatever it caches) for its jobs. */
  readonly workers: number;
  /** Cloned into every worker; a task module reads it as `workerData` from 'piscina'. */
  readonly workerData?: unknown;
  /** Give up when no job has finished for this long (milliseconds); the error comes from `onStall`. */
  readonly stallMs: number;
  readonly onStall: (stallMs: number) => Error;
  /** Called in the main thread as each job finishes (in finishing order), with how many have finished. */
  readonly onResult?: (result: R, job: J, index: number, done: number) => void;
}

/** What a task module's export sends back: its result, or a user's bad input as data (an InputError loses its class across threads). */
export type TaskOutcome<R> =
  | { readonly kind: 'result'; readonly result: R }
  | { readonly kind: 'input-error'; readonly field: string; readonly problem: string };

/** Wraps a task function as a task module's default export: an InputError goes back as data, anything else throws. */
export function poolTask<J, R>(fn: (job: J) => R | Promise<R>): (job: J) => Promise<TaskOutcome<R>> {
  return async (job) => {
    try {
      return { kind: 'result', result: await fn(job) };
    } catch (e) {
      if (e instanceof InputError) return { kind: 'input-error', field: e.field, problem: e.problem };
      throw e;
    }
  };
}

/**
 * The task module `relative` to `base` (an `import.meta.url`): the built `.js`, or the `.ts` source when `base` is a
 * source file (then the worker loads it through tsx).
 */
export function taskModule(relative: string, base: string): URL {
  const url = new URL(relative, base);
  return base.endsWith('.ts') ? new URL(url.href.replace(/\.js$/, '.ts')) : url;
}

/** Runs `jobs` on the pool; resolves with their results in the jobs' order, rejects on the first failure or a stall. */
export async function runPool<J, R>(module: URL, jobs: readonly J[], options: PoolOptions<J, R>): Promise<R[]> {
  if (jobs.length === 0) return [];
  const threads = Math.max(1, Math.min(options.workers, jobs.length));
  const pool = new Piscina({
    filename: module.href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: Infinity,
    // Jobs start in the order given (piscina's default queue let later jobs overtake: the gate's columns, which end at
    // their first counterexample in gate order, and its time cap assume the plan runs front to back).
    stricterFIFO: true,
    workerData: options.workerData,
    execArgv: fileURLToPath(module).endsWith('.ts') ? ['--import', 'tsx'] : [],
  });
  // An error the pool raises outside any job (a worker's message after the run was given up, a thread that died)
  // fails the run while it lasts and is dropped after it: the run already settled.
  let settled = false;
  let poolError: (e: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (poolError = reject));
  pool.on('error', (e: unknown) => {
    if (!settled) poolError(e);
  });
  const results: R[] = new Array(jobs.length);
  let done = 0;
  let lastDone = Date.now();
  let watchdog: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    watchdog = setInterval(
      () => {
        if (Date.now() - lastDone > options.stallMs) reject(options.onStall(options.stallMs));
      },
      Math.max(10, Math.min(1000, options.stallMs / 4)),
    );
  });
  const all = Promise.all(
    jobs.map(async (job, index) => {
      const outcome = (await pool.run(job)) as TaskOutcome<R>;
      if (outcome.kind === 'input-error') throw new InputError(outcome.field, outcome.problem);
      results[index] = outcome.result;
      lastDone = Date.now();
      options.onResult?.(outcome.result, job, index, ++done);
    }),
  );
  all.catch(() => undefined); // after a stall or a first failure, the other jobs' rejections must not go unhandled
  try {
    await Promise.race([stalled, failed, all]);
    return results;
  } finally {
    settled = true;
    clearInterval(watchdog);
    await pool.destroy();
  }
}
