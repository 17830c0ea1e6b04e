import { deleteIdempotencyKeysBefore } from '../db/repositories/idempotency.repository.ts';
import { purgeCompletedJobs } from '../db/repositories/jobs.repository.ts';
import { DAY_MS, HOUR_MS } from '../lib/clock.ts';
import { purgeExpiredAgentInvites } from '../services/agents/agent-invites.ts';
import { purgeExpiredSessions } from '../services/auth/sessions.ts';
import type { ServiceDeps } from '../services/deps.ts';
import { purgeExpiredPortalAuth } from '../services/portal/portal-sessions.ts';

/** Completed jobs are kept this long for inspection; failed ones are kept until acted on. */
export const COMPLETED_JOB_RETENTION_MS = 7 * DAY_MS;
/** A client may repeat a request with the same Idempotency-Key for this long. */
export const IDEMPOTENCY_KEY_RETENTION_MS = 24 * HOUR_MS;

/**
 * Deletes sessions past their expiry (agents', requesters' on the portal), spent portal sign-in links and
 * expired agent invitations.
 */
export async function purgeSessionsTask(deps: ServiceDeps): Promise<void> {
  await purgeExpiredSessions(deps);
  await purgeExpiredPortalAuth(deps);
  await purgeExpiredAgentInvites(deps);
}

/** Deletes completed jobs older than the retention period. */
export async function purgeJobsTask(deps: ServiceDeps): Promise<void> {
  await purgeCompletedJobs(deps.db, deps.clock.now() - COMPLETED_JOB_RETENTION_MS);
}

/** Forgets Idempotency-Key answers older than the retention period. */
export async function purgeIdempotencyKeysTask(deps: ServiceDeps): Promise<void> {
  await deleteIdempotencyKeysBefore(deps.db, deps.clock.now() - IDEMPOTENCY_KEY_RETENTION_MS);
}
