import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';

/** Requests count as keeping the process busy while one arrived this recently... */
const RECENT_REQUEST_MS = 100;
/** ...and the event loop was busy at least this share of the last sample. */
const BUSY_SHARE = 0.8;
const SAMPLE_MS = 50;

/**
 * Whether requests are keeping this process busy: one arrived in the last 100 ms and the event loop ran
 * at least 80% of the last 50 ms. Both are needed: the loop is just as busy when the job worker drains a
 * backlog on its own, and a trickle of requests does not need the worker to step aside. Register before
 * the app listens.
 */
export function trackForegroundLoad(app: FastifyInstance): () => boolean {
  let lastRequestAt = Number.NEGATIVE_INFINITY;
  app.addHook('onRequest', (_request, _reply, done) => {
    lastRequestAt = performance.now();
    done();
  });
  let sample = performance.eventLoopUtilization();
  let sampledAt = performance.now();
  let isBusy = false;
  return () => {
    const now = performance.now();
    if (now - lastRequestAt > RECENT_REQUEST_MS) return false;
    if (now - sampledAt >= SAMPLE_MS) {
      const next = performance.eventLoopUtilization();
      isBusy = performance.eventLoopUtilization(next, sample).utilization >= BUSY_SHARE;
      sample = next;
      sampledAt = now;
    }
    return isBusy;
  };
}
