import { type Insertable, type Selectable, sql } from 'kysely';
import { parseJson } from '../../lib/json.ts';
import type { Db, DialectName, JobsTable } from '../database.ts';
import { precompiled, precompiledWith } from '../precompiled.ts';

/**
 * SQL for the durable job queue. A job is `pending` until a worker claims it (`running`, under a lease),
 * then `completed`, back to `pending` for a retry, or `failed` for good. Rows are never deleted except
 * completed ones past their retention, so nothing that failed is lost.
 */

export const JOB_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface JobRecord {
  id: number;
  type: string;
  payload: unknown;
  dedupeKey: string | null;
  status: JobStatus;
  runAt: number;
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
  lockedUntil: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
}

function toJob(row: Selectable<JobsTable>): JobRecord {
  return {
    id: row.id,
    type: row.type,
    payload: parseJson<unknown>(row.payload, null),
    dedupeKey: row.dedupe_key,
    status: row.status as JobStatus,
    runAt: row.run_at,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
  };
}

function byRunAtThenId(a: JobRecord, b: JobRecord): number {
  return a.runAt - b.runAt || a.id - b.id;
}

/**
 * Inserts a pending job and returns its id, or null when `dedupeKey` is already held by another job.
 * ON CONFLICT DO NOTHING (rather than catching the violation) keeps an enclosing PostgreSQL transaction usable.
 */
const insertJobRow = precompiledWith(
  (
    db: Db,
    row: Pick<
      Insertable<JobsTable>,
      'type' | 'payload' | 'dedupe_key' | 'run_at' | 'max_attempts' | 'created_at' | 'updated_at'
    >,
  ) =>
    db
      .insertInto('jobs')
      .values({
        type: row.type,
        payload: row.payload,
        dedupe_key: row.dedupe_key,
        status: 'pending',
        run_at: row.run_at,
        attempts: 0,
        max_attempts: row.max_attempts,
        created_at: row.created_at,
        updated_at: row.updated_at,
      })
      .onConflict((conflict) => conflict.column('dedupe_key').doNothing())
      .returning('id'),
);

export async function insertJob(
  db: Db,
  job: {
    type: string;
    payload: unknown;
    runAt: number;
    dedupeKey: string | null;
    maxAttempts: number;
    now: number;
  },
): Promise<number | null> {
  const result = await insertJobRow.run(db, {
    type: job.type,
    payload: JSON.stringify(job.payload ?? null),
    dedupe_key: job.dedupeKey,
    run_at: job.runAt,
    max_attempts: job.maxAttempts,
    created_at: job.now,
    updated_at: job.now,
  });
  return result.rows[0]?.id ?? null;
}

/**
 * Claims up to `limit` due jobs for `workerId` until `now + leaseMs`, counting the attempt. On PostgreSQL
 * SKIP LOCKED lets concurrent workers claim disjoint rows without waiting on each other; SQLite has a
 * single writer, and the select and update run as one statement (SQLite evaluates an uncorrelated IN
 * subquery once), so two claimers never see the same row.
 */
export async function claimDueJobs(
  db: Db,
  dialect: DialectName,
  claim: { workerId: string; now: number; leaseMs: number; limit: number },
): Promise<JobRecord[]> {
  const due = db
    .selectFrom('jobs')
    .select('id')
    .where('status', '=', 'pending')
    .where('run_at', '<=', claim.now)
    .orderBy('run_at')
    .orderBy('id')
    .limit(claim.limit);
  const rows = await db
    .updateTable('jobs')
    .set({
      status: 'running',
      locked_by: claim.workerId,
      locked_until: claim.now + claim.leaseMs,
      attempts: sql<number>`attempts + 1`,
      updated_at: claim.now,
    })
    .where((eb) =>
      dialect === 'postgres'
        ? // `id IN (subquery)` may be planned as a semi-join that re-runs the subquery for every row, each
          // run skipping the rows this very statement just locked, so LIMIT would stop limiting and one
          // worker would claim the whole queue. ARRAY(subquery) is evaluated exactly once.
          eb('id', '=', sql<number>`any(array(${due.forUpdate().skipLocked()}))`)
        : eb('id', 'in', due),
    )
    // No second status check: the subquery's rows are locked (PostgreSQL, which re-checks the status on
    // the locked version) or read in this same statement (SQLite), so they are still pending.
    .returningAll()
    .execute();
  return rows.map(toJob).sort(byRunAtThenId);
}

/** Pushes the lease of jobs a worker still runs further out, so long handlers are not reclaimed. */
export async function extendJobLeases(
  db: Db,
  workerId: string,
  ids: readonly number[],
  lockedUntil: number,
  now: number,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('jobs')
    .set({ locked_until: lockedUntil, updated_at: now })
    .where('id', 'in', ids)
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId)
    .execute();
}

/**
 * Marks a job the worker holds as completed; false when the worker no longer holds it (its lease expired
 * and the job was reclaimed). `releaseDedupeKey` frees the key for the job's successor (recurring tasks).
 */
export async function completeJob(
  db: Db,
  done: { id: number; workerId: string; now: number; releaseDedupeKey: boolean },
): Promise<boolean> {
  const complete = done.releaseDedupeKey ? completeReleasingKey : completeKeepingKey;
  const result = await complete.run(db, done.now, done.id, done.workerId);
  return Number(result.numAffectedRows ?? 0) > 0;
}

function completion(releaseDedupeKey: boolean) {
  return precompiled((db: Db, now: number, id: number, workerId: string) =>
    db
      .updateTable('jobs')
      .set({
        status: 'completed',
        locked_by: null,
        locked_until: null,
        completed_at: now,
        updated_at: now,
        ...(releaseDedupeKey ? { dedupe_key: null } : {}),
      })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .where('locked_by', '=', workerId),
  );
}
const completeKeepingKey = completion(false);
const completeReleasingKey = completion(true);

/**
 * Records a failed attempt of a job the worker holds: back to pending at `retryAt`, or `failed` for good
 * when `retryAt` is null. False when the worker no longer holds the job.
 */
export async function failJob(
  db: Db,
  failure: {
    id: number;
    workerId: string;
    now: number;
    error: string;
    retryAt: number | null;
    releaseDedupeKey: boolean;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({
      status: failure.retryAt === null ? 'failed' : 'pending',
      ...(failure.retryAt === null ? {} : { run_at: failure.retryAt }),
      locked_by: null,
      locked_until: null,
      last_error: failure.error,
      updated_at: failure.now,
      ...(failure.releaseDedupeKey && failure.retryAt === null ? { dedupe_key: null } : {}),
    })
    .where('id', '=', failure.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', failure.workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Returns running jobs whose lease ran out (their worker crashed or hung) to pending, or to failed when
 * they have used every attempt: a job that kills its worker must not loop forever. Returns the jobs moved.
 */
export async function reclaimExpiredJobs(db: Db, now: number): Promise<JobRecord[]> {
  const rows = await db
    .updateTable('jobs')
    .set({
      status: sql<string>`case when attempts >= max_attempts then 'failed' else 'pending' end`,
      last_error: sql<string>`'The lease of worker ' || coalesce(locked_by, '?') || ' expired before the job finished'`,
      locked_by: null,
      locked_until: null,
      updated_at: now,
    })
    .where('status', '=', 'running')
    .where('locked_until', '<', now)
    .returningAll()
    .execute();
  return rows.map(toJob);
}

/**
 * Frees dedupe keys still held by jobs that failed for good (a recurring task's, so its successor can be
 * queued). Failed rows stay; only their claim on the key goes.
 */
export async function releaseFailedDedupeKeys(db: Db, dedupeKeys: readonly string[]): Promise<void> {
  if (dedupeKeys.length === 0) return;
  await db
    .updateTable('jobs')
    .set({ dedupe_key: null })
    .where('dedupe_key', 'in', dedupeKeys)
    .where('status', '=', 'failed')
    .execute();
}

/** Puts a job that failed for good back in the queue, due now, with a fresh set of attempts. */
export async function requeueFailedJob(db: Db, id: number, now: number): Promise<JobRecord | null> {
  const row = await db
    .updateTable('jobs')
    .set({ status: 'pending', run_at: now, attempts: 0, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .returningAll()
    .executeTakeFirst();
  return row ? toJob(row) : null;
}

/** One job by id, in any status. */
export async function findJob(db: Db, id: number): Promise<JobRecord | null> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toJob(row) : null;
}

/** Jobs newest first, optionally of one status and type. */
export async function listJobs(
  db: Db,
  filter: { status?: JobStatus; type?: string; limit: number },
): Promise<JobRecord[]> {
  let query = db.selectFrom('jobs').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.type) query = query.where('type', '=', filter.type);
  return (await query.execute()).map(toJob);
}

/** How many jobs are in each status (every status present, zero when none). */
export async function countJobsByStatus(db: Db): Promise<Record<JobStatus, number>> {
  const rows = await db
    .selectFrom('jobs')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute();
  const counts: Record<JobStatus, number> = { pending: 0, running: 0, completed: 0, failed: 0 };
  for (const row of rows) {
    if ((JOB_STATUSES as readonly string[]).includes(row.status)) {
      counts[row.status as JobStatus] = Number(row.count);
    }
  }
  return counts;
}

/** Deletes completed jobs that finished before `before`; failed jobs are kept until someone acts on them. */
export async function purgeCompletedJobs(db: Db, before: number): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where('status', '=', 'completed')
    .where('completed_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
