import { workerData } from 'piscina';
import { InputError } from '../errors.js';
import { poolTask } from './pool.js';

/**
 * A task module for pool.test.ts: doubles `n` plus the pool's `workerData.offset`; 'slow' takes 300 ms first; 'bad',
 * 'throw' and 'hang' misbehave.
 */
export default poolTask((job: { n: number; mode?: 'slow' | 'bad' | 'hang' | 'throw' | 'start' }) => {
  // 'start': when the job started (ms since the epoch), then 20 ms of work.
  if (job.mode === 'start') {
    const started = performance.timeOrigin + performance.now();
    for (const end = Date.now() + 20; Date.now() < end;);
    return started;
  }
  if (job.mode === 'slow') for (const end = Date.now() + 300; Date.now() < end;);
  if (job.mode === 'bad') throw new InputError('drift', 'returned NaN');
  if (job.mode === 'throw') throw new Error('a bug');
  if (job.mode === 'hang') for (;;);
  return 2 * job.n + (workerData as { offset: number }).offset;
});
