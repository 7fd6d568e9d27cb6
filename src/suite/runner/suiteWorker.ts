import { poolTask } from '../../io/pool.js';
import { runSuiteJob } from './suiteJob.js';

/** The task module of the suite's worker threads (`runSuite`): one `SuiteJob` at a time. */
export default poolTask(runSuiteJob);
