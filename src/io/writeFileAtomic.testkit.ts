import { poolTask } from './pool.js';
import { writeFileAtomic } from './writeFileAtomic.js';

/** A task module for writeFileAtomic.test.ts: writes `text` to `path` `times` times; returns the failures' messages. */
export default poolTask((job: { path: string; text: string; times: number }) => {
  const failures: string[] = [];
  for (let i = 0; i < job.times; i++) {
    try {
      writeFileAtomic(job.path, job.text);
    } catch (e) {
      failures.push(String(e));
    }
  }
  return failures;
});
