import {
  findJob,
  type JobRecord,
  type JobStatus,
  listJobs,
  requeueFailedJob,
} from '../db/repositories/jobs.repository.ts';
import { AppError, notFound } from '../domain/errors.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { signalJobsQueued } from './wakeup.ts';

/** Jobs for the administrators' view, newest first. */
export async function listJobsForAdmin(
  deps: ServiceDeps,
  filter: { status?: JobStatus; type?: string; limit: number },
): Promise<JobRecord[]> {
  return listJobs(deps.db, filter);
}

/** Puts a job that failed for good back in the queue, due now with a fresh set of attempts. */
export async function retryFailedJob(deps: ServiceDeps, id: number): Promise<JobRecord> {
  const requeued = await requeueFailedJob(deps.db, id, deps.clock.now());
  if (requeued) {
    signalJobsQueued();
    return requeued;
  }
  const job = await findJob(deps.db, id);
  if (!job) throw notFound('Job', id);
  throw new AppError('invalid_transition', `Job ${id} is ${job.status}; only failed jobs can be retried`, {
    status: job.status,
  });
}
