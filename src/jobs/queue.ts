import { insertJob } from '../db/repositories/jobs.repository.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { signalJobsQueued } from './wakeup.ts';

/** Attempts a job gets unless it asks otherwise: with the backoff that is about four hours of retrying. */
export const DEFAULT_MAX_ATTEMPTS = 10;

export interface NewJob {
  type: string;
  payload?: unknown;
  /** When the job becomes due (epoch ms); now when omitted. */
  runAt?: number;
  /** Names the logical job: while a job holds this key, queuing another with it does nothing. */
  dedupeKey?: string | null;
  maxAttempts?: number;
}

/**
 * Queues a job and returns its id, or null when a job with the same dedupe key already exists. Pass the
 * deps of a transaction to make the job commit (or roll back) together with the change that caused it.
 */
export async function enqueueJob(
  deps: Pick<ServiceDeps, 'db' | 'clock'>,
  job: NewJob,
): Promise<number | null> {
  if (job.type.trim() === '') throw new RangeError('A job needs a type');
  const maxAttempts = job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be a positive integer (got ${maxAttempts})`);
  }
  const now = deps.clock.now();
  const runAt = job.runAt ?? now;
  const id = await insertJob(deps.db, {
    type: job.type,
    payload: job.payload ?? {},
    runAt,
    dedupeKey: job.dedupeKey ?? null,
    maxAttempts,
    now,
  });
  // Inside a transaction the wake-up can come before the commit; the job then waits for the next poll.
  if (id !== null && runAt <= now) signalJobsQueued();
  return id;
}
