/**
 * Wakes the workers of this process when a job is queued, so it runs without waiting for the next poll.
 * Other processes find it on their next poll: the database stays the only source of truth.
 */
const listeners = new Set<() => void>();

/** Calls `listener` whenever a job that is already due is queued in this process; returns the unsubscribe. */
export function onJobsQueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Tells this process's workers that a due job was queued. */
export function signalJobsQueued(): void {
  for (const listener of listeners) listener();
}
