import { HOUR_MS } from '../../lib/clock.ts';

/**
 * SLA arithmetic in wall-clock hours. Business-hours calendars will replace the plain hour arithmetic;
 * the pause rule (pending stops the clock) already holds.
 */
export interface SlaTargets {
  readonly resolutionHours: number;
}

/** When a ticket opened at `from` is due under a plan. */
export function computeDueAt(from: number, targets: SlaTargets): number {
  return from + targets.resolutionHours * HOUR_MS;
}

/** The due time after a pause that began at `pausedAt` ends at `now`: shifted by the time spent paused. */
export function resumeDueAt(dueAt: number, pausedAt: number, now: number): number {
  return dueAt + Math.max(0, now - pausedAt);
}

/** Whether a running (not paused) ticket has passed its due time. */
export function isOverdue(dueAt: number | null, pausedAt: number | null, now: number): boolean {
  return dueAt !== null && pausedAt === null && now > dueAt;
}
