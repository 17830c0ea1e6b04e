import type { JobRecord } from '../db/repositories/jobs.repository.ts';
import type { ServiceDeps } from '../services/deps.ts';

export type { JobRecord };

/**
 * Runs one job. Throwing schedules a retry with backoff. Delivery is at least once (a worker can crash
 * after the work and before recording it), so a handler must tolerate running twice for the same job.
 */
export type JobHandler = (deps: ServiceDeps, payload: unknown, job: JobRecord) => Promise<void>;

/** A task that runs every `everyMs`, as a job that queues its successor when it finishes. */
export interface RecurringTask {
  readonly type: string;
  readonly everyMs: number;
  readonly handler: JobHandler;
  /** Attempts per tick before the tick is given up (the next tick is queued regardless). */
  readonly maxAttempts?: number;
}

/** The slice of a pino logger the worker writes to. */
export interface JobLogger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

const ignore = (): void => {};

/** A logger that drops everything (tests, and callers that pass none). */
export const silentJobLogger: JobLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
