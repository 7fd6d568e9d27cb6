import { poolTask } from '../io/pool.js';
import { figure3Series } from './figure3.js';

/** The task module of `reproduce`'s worker threads: one Figure 3 run (environment × neighbourhood × drift) per job. */
export default poolTask((job: { environment: number; neighbourhood: number; drift: number }) =>
  figure3Series(job.environment, job.neighbourhood, job.drift),
);
