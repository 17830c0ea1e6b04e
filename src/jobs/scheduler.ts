import { releaseFailedDedupeKeys } from '../db/repositories/jobs.repository.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { computeNextRunAt } from './backoff.ts';
import { enqueueJob } from './queue.ts';
import type { JobRecord, RecurringTask } from './types.ts';

export type { RecurringTask };

// A tick that keeps failing is given up quickly: the next tick comes anyway.
const RECURRING_MAX_ATTEMPTS = 3;

/**
 * The dedupe key a recurring task's job holds while pending or running. Every worker process queues
 * with the same key, so exactly one job per task exists and each tick runs once.
 */
export function recurringDedupeKey(type: string): string {
  return `recurring:${type}`;
}

/**
 * Queues the first run (due now) of every task that has no job queued yet; returns how many were queued.
 * Also repairs a chain broken by a crash between a tick failing for good and its successor being queued.
 */
export async function ensureRecurringJobs(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  tasks: readonly RecurringTask[],
): Promise<number> {
  await releaseFailedDedupeKeys(
    deps.db,
    tasks.map((task) => recurringDedupeKey(task.type)),
  );
  let queued = 0;
  for (const task of tasks) {
    const id = await enqueueJob(deps, {
      type: task.type,
      dedupeKey: recurringDedupeKey(task.type),
      maxAttempts: task.maxAttempts ?? RECURRING_MAX_ATTEMPTS,
    });
    if (id !== null) queued += 1;
  }
  return queued;
}

/**
 * Queues the tick after `finished`, a job of `task` that completed or failed for good and has released
 * its dedupe key. Run it in the transaction that recorded that outcome, so the chain never breaks.
 */
export async function enqueueNextRun(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  task: RecurringTask,
  finished: JobRecord,
): Promise<void> {
  await enqueueJob(deps, {
    type: task.type,
    runAt: computeNextRunAt(finished.runAt, task.everyMs, deps.clock.now()),
    dedupeKey: recurringDedupeKey(task.type),
    maxAttempts: task.maxAttempts ?? RECURRING_MAX_ATTEMPTS,
  });
}
