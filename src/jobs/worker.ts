import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  claimDueJobs,
  completeJob,
  extendJobLeases,
  failJob,
  reclaimExpiredJobs,
  releaseFailedDedupeKeys,
} from '../db/repositories/jobs.repository.ts';
import { inTransaction, type ServiceDeps } from '../services/deps.ts';
import { computeRetryDelayMs } from './backoff.ts';
import { enqueueNextRun, recurringDedupeKey } from './scheduler.ts';
import type { JobHandler, JobLogger, JobRecord, RecurringTask } from './types.ts';
import { silentJobLogger } from './types.ts';
import { onJobsQueued } from './wakeup.ts';

export interface WorkerOptions {
  deps: ServiceDeps;
  /** Handlers of jobs queued on demand, by job type. */
  handlers: Readonly<Record<string, JobHandler>>;
  /** Recurring tasks: their handlers run like any other, and each finished tick queues the next. */
  recurring?: readonly RecurringTask[];
  /** How long to sleep when the queue has nothing due. */
  pollMs?: number;
  /** Jobs claimed at once. */
  batchSize?: number;
  /** Handlers running at once. */
  concurrency?: number;
  workerId?: string;
  logger?: JobLogger;
  /** How long a claim holds a job before another worker may take it back; extended while it runs. */
  leaseMs?: number;
  /** Source of randomness for retry jitter, in [0, 1). */
  random?: () => number;
  /**
   * Whether requests are keeping this process busy (a worker in the web process). While they are, the
   * worker pauses after each batch so that it takes about FOREGROUND_SHARE of the time: people waiting on
   * a page or an API call come before mail that can go out a few seconds later.
   */
  isForegroundBusy?: () => boolean;
}

/** The share of a busy process the worker keeps while requests wait: it always makes progress. */
export const FOREGROUND_SHARE = 0.25;
/** The longest pause after one batch, however long the batch took. */
const MAX_FOREGROUND_PAUSE_MS = 1000;

/**
 * How long to pause after a batch that took `batchMs`, so that batches fill FOREGROUND_SHARE of the
 * time while the foreground is busy; no pause otherwise.
 */
export function foregroundPauseMs(batchMs: number, isForegroundBusy: boolean): number {
  if (!isForegroundBusy) return 0;
  return Math.min(MAX_FOREGROUND_PAUSE_MS, (batchMs * (1 - FOREGROUND_SHARE)) / FOREGROUND_SHARE);
}

const DEFAULT_LEASE_MS = 5 * 60_000;
const DEFAULT_STOP_TIMEOUT_MS = 30_000;
const MAX_ERROR_LENGTH = 2000;

function describeError(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}` : typeof error === 'string' ? error : 'Error';
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

/** Runs `run` over `items` with at most `limit` in flight. */
async function runPooled<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await run(item);
    }
  });
  await Promise.all(lanes);
}

/**
 * Claims due jobs from the queue and runs their handlers. Several workers, in one process or many, may
 * share a database: claims never overlap, and a job whose worker died is taken back when its lease ends.
 * Every time comes from `deps.clock`; only the waits between polls use real timers.
 */
export class Worker {
  readonly workerId: string;
  private readonly deps: ServiceDeps;
  private readonly handlers: Map<string, JobHandler>;
  private readonly recurring: Map<string, RecurringTask>;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly logger: JobLogger;
  private readonly random: () => number;
  private readonly isForegroundBusy: () => boolean;
  private loopDone: Promise<void> | null = null;
  private isStopping = false;
  private hasWakeRequest = false;
  private wakeSleeper: (() => void) | null = null;
  private unsubscribe: (() => void) | null = null;
  private lastReclaimAt = Number.NEGATIVE_INFINITY;

  constructor(options: WorkerOptions) {
    this.deps = options.deps;
    this.recurring = new Map((options.recurring ?? []).map((task) => [task.type, task]));
    this.handlers = new Map(Object.entries(options.handlers));
    for (const task of this.recurring.values()) this.handlers.set(task.type, task.handler);
    this.pollMs = options.pollMs ?? 1000;
    this.batchSize = Math.max(1, options.batchSize ?? 10);
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.logger = options.logger ?? silentJobLogger;
    this.random = options.random ?? Math.random;
    this.isForegroundBusy = options.isForegroundBusy ?? (() => false);
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  }

  /** Starts polling in the background; does nothing when already started. */
  start(): void {
    if (this.loopDone) return;
    this.isStopping = false;
    this.unsubscribe = onJobsQueued(() => this.notify());
    this.loopDone = this.loop();
    this.logger.info({ workerId: this.workerId }, 'job worker started');
  }

  /**
   * Stops claiming and waits up to `timeoutMs` for running handlers. Jobs still running after that keep
   * their lease and are taken back by another worker once it expires, so nothing is lost.
   */
  async stop(timeoutMs: number = DEFAULT_STOP_TIMEOUT_MS): Promise<void> {
    this.isStopping = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.wakeSleeper?.();
    const loopDone = this.loopDone;
    if (!loopDone) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), timeoutMs);
      timer.unref();
    });
    const hasTimedOut = await Promise.race([loopDone.then(() => false), timedOut]);
    clearTimeout(timer);
    this.loopDone = null;
    if (hasTimedOut) {
      this.logger.warn({ workerId: this.workerId }, 'job worker stopped with jobs still running');
    } else {
      this.logger.info({ workerId: this.workerId }, 'job worker stopped');
    }
  }

  /** Cuts the current wait short: something was queued. */
  notify(): void {
    if (this.wakeSleeper) this.wakeSleeper();
    else this.hasWakeRequest = true;
  }

  /** Claims one batch of due jobs and runs it to the end; returns how many jobs ran. */
  async runOnce(): Promise<number> {
    const now = this.deps.clock.now();
    await this.reclaimIfDue(now);
    const jobs = await claimDueJobs(this.deps.db, this.deps.dialect, {
      workerId: this.workerId,
      now,
      leaseMs: this.leaseMs,
      limit: this.batchSize,
    });
    if (jobs.length === 0) return 0;
    const unfinished = new Set(jobs.map((job) => job.id));
    const heartbeat = setInterval(() => void this.extendLeases([...unfinished]), this.leaseMs / 3);
    heartbeat.unref();
    try {
      await runPooled(jobs, this.concurrency, async (job) => {
        await this.runJob(job);
        unfinished.delete(job.id);
      });
    } finally {
      clearInterval(heartbeat);
    }
    return jobs.length;
  }

  private async loop(): Promise<void> {
    while (!this.isStopping) {
      let ran = 0;
      const startedAt = performance.now();
      try {
        ran = await this.runOnce();
      } catch (error) {
        this.logger.error(
          { err: error, workerId: this.workerId },
          'the job worker could not reach the queue',
        );
      }
      if (this.isStopping) break;
      const pauseMs = ran > 0 ? foregroundPauseMs(performance.now() - startedAt, this.isForegroundBusy()) : 0;
      if (pauseMs > 0) await this.pause(pauseMs);
      // A full batch means more may be due: claim again at once instead of sleeping.
      else if (ran < this.batchSize) await this.sleep(this.pollMs);
    }
  }

  /** Waits without being woken by new jobs (remembered for after); only stop() cuts it short. */
  private pause(ms: number): Promise<void> {
    return this.wait(ms, (wake) => {
      if (this.isStopping) wake();
      else this.hasWakeRequest = true;
    });
  }

  /** Waits for `ms`, or until a job is queued or the worker stops. */
  private sleep(ms: number): Promise<void> {
    if (this.hasWakeRequest) {
      this.hasWakeRequest = false;
      return Promise.resolve();
    }
    return this.wait(ms, (wake) => wake());
  }

  /** Waits for `ms`; notify() and stop() call `onWake` with the function that ends the wait early. */
  private wait(ms: number, onWake: (wake: () => void) => void): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakeSleeper = null;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      timer.unref();
      this.wakeSleeper = () => onWake(wake);
    });
  }

  private async runJob(job: JobRecord): Promise<void> {
    const handler = this.handlers.get(job.type);
    if (!handler) {
      await this.settle(job, `No handler is registered for job type "${job.type}"`, false);
      return;
    }
    const startedAt = performance.now();
    let failure: unknown = null;
    let hasFailed = false;
    try {
      await handler(this.deps, job.payload, job);
    } catch (error) {
      hasFailed = true;
      failure = error;
    }
    const fields = {
      jobId: job.id,
      type: job.type,
      attempt: job.attempts,
      ms: Math.round(performance.now() - startedAt),
    };
    if (hasFailed) this.logger.warn({ ...fields, err: failure }, 'job failed');
    else this.logger.debug(fields, 'job completed');
    await this.settle(job, hasFailed ? describeError(failure) : null, true);
  }

  /** Records how a job ended: completed (`error` null), retried later, or failed for good. */
  private async settle(job: JobRecord, error: string | null, canRetry: boolean): Promise<void> {
    const task = this.recurring.get(job.type);
    const record = async (deps: ServiceDeps): Promise<boolean> => {
      const now = deps.clock.now();
      if (error === null) {
        const isDone = await completeJob(deps.db, {
          id: job.id,
          workerId: this.workerId,
          now,
          releaseDedupeKey: task !== undefined,
        });
        if (isDone && task) await enqueueNextRun(deps, task, job);
        return isDone;
      }
      const isFinal = !canRetry || job.attempts >= job.maxAttempts;
      const retryAt = isFinal ? null : now + computeRetryDelayMs(job.attempts, this.random);
      const isRecorded = await failJob(deps.db, {
        id: job.id,
        workerId: this.workerId,
        now,
        error,
        retryAt,
        releaseDedupeKey: task !== undefined,
      });
      if (isRecorded && isFinal) {
        this.logger.error({ jobId: job.id, type: job.type, error }, 'job failed for good');
        if (task) await enqueueNextRun(deps, task, job);
      }
      return isRecorded;
    };
    try {
      const isRecorded = task ? await inTransaction(this.deps, record) : await record(this.deps);
      if (!isRecorded) {
        this.logger.warn(
          { jobId: job.id, type: job.type },
          'job outcome not recorded: its lease expired and another worker took it back',
        );
      }
    } catch (recordError) {
      // The lease runs out and the job is retried: at least once, never lost.
      this.logger.error({ err: recordError, jobId: job.id }, 'could not record the outcome of a job');
    }
  }

  private async extendLeases(ids: number[]): Promise<void> {
    try {
      const now = this.deps.clock.now();
      await extendJobLeases(this.deps.db, this.workerId, ids, now + this.leaseMs, now);
    } catch (error) {
      this.logger.error({ err: error, workerId: this.workerId }, 'could not extend job leases');
    }
  }

  /** Takes back jobs of crashed workers, at most twice per lease period rather than on every poll. */
  private async reclaimIfDue(now: number): Promise<void> {
    const interval = Math.min(this.leaseMs / 2, 60_000);
    if (now >= this.lastReclaimAt && now - this.lastReclaimAt < interval) return;
    this.lastReclaimAt = now;
    // One statement, no transaction: on SQLite a transaction would hold the write lock across awaits.
    const reclaimed = await reclaimExpiredJobs(this.deps.db, now);
    for (const job of reclaimed) {
      this.logger.warn(
        { jobId: job.id, type: job.type, status: job.status },
        'took back a job whose worker lease expired',
      );
    }
    const finishedTicks = reclaimed.filter((job) => job.status === 'failed' && this.recurring.has(job.type));
    if (finishedTicks.length === 0) return;
    // Should this not commit, ensureRecurringJobs at the next start repairs the chain.
    await inTransaction(this.deps, async (tx) => {
      await releaseFailedDedupeKeys(
        tx.db,
        finishedTicks.map((job) => recurringDedupeKey(job.type)),
      );
      for (const job of finishedTicks) await enqueueNextRun(tx, this.recurring.get(job.type)!, job);
    });
  }
}
