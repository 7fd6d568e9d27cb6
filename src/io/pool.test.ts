import { describe, expect, test } from 'vitest';
import { InputError } from '../errors.js';
import { runPool, taskModule } from './pool.js';

const module = taskModule('./poolTask.testkit.js', import.meta.url);
const options = { workers: 2, workerData: { offset: 1 }, stallMs: 60_000, onStall: () => new Error('stalled') };

describe('runPool (worker threads through piscina; the .ts task module through tsx)', () => {
  test('returns the results in the jobs’ order, and reports each as it finishes', async () => {
    const seen: number[] = [];
    // The first job is slow: the others finish before it, so an out-of-order result would show.
    const jobs = Array.from({ length: 9 }, (_, n) => ({ n, mode: n === 0 ? ('slow' as const) : undefined }));
    const finished: number[] = [];
    const out = await runPool<{ n: number }, number>(module, jobs, {
      ...options,
      onResult: (_r, _job, index, done) => {
        seen.push(index + 100 * done);
        finished.push(index);
      },
    });
    expect(out).toEqual(jobs.map((j) => 2 * j.n + 1));
    expect(finished[0]).not.toBe(0);
    expect(seen.map((x) => Math.floor(x / 100)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(seen.map((x) => x % 100).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  }, 60_000);

  test('jobs start in the order given: few inversions (a thread that starts late), not whole runs of overtaking', async () => {
    // piscina's default queue let the jobs of one thread overtake the other's wholesale (evens, then odds: ~n²/8
    // inversions); the gate's columns and time cap assume the plan runs front to back.
    const jobs = Array.from({ length: 40 }, (_, n) => ({ n, mode: 'start' as const }));
    const starts = await runPool<{ n: number }, number>(module, jobs, options);
    let inversions = 0;
    for (let i = 0; i < starts.length; i++)
      for (let j = i + 1; j < starts.length; j++) if (starts[j] < starts[i]) inversions++;
    expect(inversions).toBeLessThanOrEqual(jobs.length);
  }, 60_000);

  test('an InputError in a worker arrives as an InputError (exit 2 in the CLI), field and problem kept', async () => {
    const e = await runPool(module, [{ n: 1 }, { n: 2, mode: 'bad' }], options).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).field).toBe('drift');
    expect((e as InputError).problem).toBe('returned NaN');
  }, 60_000);

  test('two workers failing at once: the run rejects once, and the late failure is dropped, not thrown', async () => {
    // The second worker's reply arrives after the pool was torn down; piscina reports it as an 'error' event, which
    // crashed the process before it was handled.
    const jobs = [{ n: 1, mode: 'bad' as const }, { n: 2, mode: 'bad' as const }, { n: 3 }];
    const e = await runPool(module, jobs, options).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    await new Promise((r) => setTimeout(r, 500)); // any late event would surface here as an unhandled error
  }, 60_000);

  test('any other error rejects the run', async () => {
    await expect(runPool(module, [{ n: 1, mode: 'throw' }], options)).rejects.toThrow('a bug');
  }, 60_000);

  test('a job that never returns trips the watchdog, and the pool is torn down', async () => {
    const started = Date.now();
    const e = await runPool(module, [{ n: 1 }, { n: 2, mode: 'hang' }], {
      ...options,
      stallMs: 1500,
      onStall: (ms) => new InputError('drift', `no progress for ${ms} ms`),
    }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).problem).toBe('no progress for 1500 ms');
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  test('no jobs, no threads', async () => {
    expect(await runPool(module, [], options)).toEqual([]);
  });
});
