import { HOUR_MS } from '../lib/clock.ts';

/** The delay before the first retry; each later one doubles it. */
export const RETRY_BASE_MS = 30_000;
/** No retry waits longer than this, however many attempts came before. */
export const RETRY_MAX_MS = HOUR_MS;
// Up to a fifth of the delay is taken off at random so that jobs which failed together (an SMTP server that
// was down) do not all come back in the same instant.
const JITTER = 0.2;

/**
 * How long to wait before running a job again after its `attempt`-th attempt failed (1 for the first):
 * 30 s doubling per attempt, capped at an hour, less up to 20 % jitter. `random` is in [0, 1).
 */
export function computeRetryDelayMs(attempt: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempt - 1);
  // 2^7 * 30 s already exceeds the cap; clamping the exponent keeps huge attempt counts finite.
  const capped = Math.min(RETRY_BASE_MS * 2 ** Math.min(exponent, 20), RETRY_MAX_MS);
  const fraction = Math.min(Math.max(random(), 0), 1);
  return Math.round(capped * (1 - JITTER * fraction));
}

/**
 * The next tick of a task repeating every `everyMs` on the grid that starts at `previousRunAt`: the first
 * point of that grid strictly after `now`, so ticks missed while no worker ran are skipped, not replayed.
 */
export function computeNextRunAt(previousRunAt: number, everyMs: number, now: number): number {
  if (everyMs <= 0) throw new RangeError('everyMs must be positive');
  if (previousRunAt > now) return previousRunAt + everyMs;
  const elapsedTicks = Math.floor((now - previousRunAt) / everyMs) + 1;
  return previousRunAt + elapsedTicks * everyMs;
}
