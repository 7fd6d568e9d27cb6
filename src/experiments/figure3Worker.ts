import { parentPort } from 'node:worker_threads';
import { figure3Series } from './figure3.js';

/** A worker of `reproduce`: takes one job at a time from the main thread and sends back the finished curve. */
parentPort!.on('message', (job: { environment: number; neighbourhood: number; drift: number } | null) => {
  if (job === null) {
    parentPort!.close();
    return;
  }
  parentPort!.postMessage({ job, series: figure3Series(job.environment, job.neighbourhood, job.drift) });
});
