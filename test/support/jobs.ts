import { JOB_HANDLERS } from '../../src/jobs/registry.ts';
import { Worker } from '../../src/jobs/worker.ts';
import type { ServiceDeps } from '../../src/services/deps.ts';

/**
 * Runs the registered jobs that are due until none is left, as the worker would: the mail a new ticket
 * causes is written by a job, so a test reads the outbox after this.
 */
export async function runDueJobs(deps: ServiceDeps): Promise<number> {
  const worker = new Worker({ deps, handlers: JOB_HANDLERS, recurring: [], workerId: 'test-jobs' });
  let total = 0;
  for (let round = 0; round < 20; round += 1) {
    const ran = await worker.runOnce();
    if (ran === 0) return total;
    total += ran;
  }
  throw new Error('the job queue did not drain');
}
