import { workerData } from 'piscina';
import { InputError } from '../errors.js';
import { poolTask } from './pool.js';

/** A task module for pool.test.ts: doubles `n` plus the pool's `workerData.offset`; 'bad' and 'hang' misbehave. */
export default poolTask((job: { n: number; mode?: 'bad' | 'hang' | 'throw' }) => {
  if (job.mode === 'bad') throw new InputError('drift', 'returned NaN');
  if (job.mode === 'throw') throw new Error('a bug');
  if (job.mode === 'hang') for (;;);
  return 2 * job.n + (workerData as { offset: number }).offset;
});
