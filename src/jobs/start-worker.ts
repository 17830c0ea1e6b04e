import type { ServiceDeps } from '../services/deps.ts';
import { JOB_HANDLERS, RECURRING_TASKS } from './registry.ts';
import { ensureRecurringJobs } from './scheduler.ts';
import type { JobLogger } from './types.ts';
import { Worker } from './worker.ts';

/** Queues any missing recurring task and starts a worker running every registered job type. */
export async function startJobWorker(
  deps: ServiceDeps,
  options: { pollMs: number; logger: JobLogger; isForegroundBusy?: () => boolean },
): Promise<Worker> {
  await ensureRecurringJobs(deps, RECURRING_TASKS);
  const worker = new Worker({
    deps,
    handlers: JOB_HANDLERS,
    recurring: RECURRING_TASKS,
    pollMs: options.pollMs,
    logger: options.logger,
    isForegroundBusy: options.isForegroundBusy,
  });
  worker.start();
  return worker;
}
