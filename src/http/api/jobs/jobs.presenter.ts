import type { Static } from 'typebox';
import type { JobRecord } from '../../../db/repositories/jobs.repository.ts';
import { iso } from '../../../lib/json.ts';
import type { Job } from './jobs.schema.ts';

/** A job as the admin API shows it. */
export function presentJob(job: JobRecord): Static<typeof Job> {
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    payload: job.payload,
    dedupeKey: job.dedupeKey,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    runAt: iso(job.runAt) as string,
    lockedBy: job.lockedBy,
    lockedUntil: iso(job.lockedUntil),
    lastError: job.lastError,
    createdAt: iso(job.createdAt) as string,
    updatedAt: iso(job.updatedAt) as string,
    completedAt: iso(job.completedAt),
  };
}
