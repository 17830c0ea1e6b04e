import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  claimDueJobs,
  completeJob,
  countJobsByStatus,
  findJob,
  purgeCompletedJobs,
} from '../../src/db/repositories/jobs.repository.ts';
import { enqueueJob } from '../../src/jobs/queue.ts';
import type { JobHandler } from '../../src/jobs/types.ts';
import { Worker } from '../../src/jobs/worker.ts';
import { DAY_MS } from '../../src/lib/clock.ts';
import { inTransaction } from '../../src/services/deps.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

const LEASE_MS = 60_000;

for (const dialect of DIALECTS) {
  describe(`job queue and worker [${dialect}]`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(dialect);
    });
    after(async () => ctx.close());
    beforeEach(async () => {
      await ctx.deps.db.deleteFrom('jobs').execute();
    });

    function createWorker(handlers: Record<string, JobHandler>, workerId = 'worker-a'): Worker {
      // random 0: retries wait the full backoff, so the tests know exactly when a job is due again.
      return new Worker({ deps: ctx.deps, handlers, workerId, leaseMs: LEASE_MS, random: () => 0 });
    }

    it('runs a queued job once, handing its payload to the handler', async () => {
      const seen: unknown[] = [];
      const worker = createWorker({ 'test.echo': async (_deps, payload) => void seen.push(payload) });
      const id = await enqueueJob(ctx.deps, { type: 'test.echo', payload: { ticketId: 7, to: ['a@b.c'] } });
      assert.equal(await worker.runOnce(), 1);
      assert.equal(await worker.runOnce(), 0);
      assert.deepEqual(seen, [{ ticketId: 7, to: ['a@b.c'] }]);
      const job = await findJob(ctx.deps.db, id!);
      assert.equal(job?.status, 'completed');
      assert.equal(job?.attempts, 1);
      assert.equal(job?.completedAt, ctx.clock.now());
      assert.equal(job?.lockedBy, null);
    });

    it('claims no more than a batch at a time, oldest due first', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 7; i += 1) ids.push((await enqueueJob(ctx.deps, { type: 'test.batch' }))!);
      const claimed = await claimDueJobs(ctx.deps.db, ctx.dialect, {
        workerId: 'worker-a',
        now: ctx.clock.now(),
        leaseMs: LEASE_MS,
        limit: 3,
      });
      assert.deepEqual(
        claimed.map((job) => job.id),
        ids.slice(0, 3),
      );
      assert.equal((await countJobsByStatus(ctx.deps.db)).pending, 4);
      const worker = new Worker({ deps: ctx.deps, handlers: { 'test.batch': async () => {} }, batchSize: 2 });
      assert.equal(await worker.runOnce(), 2);
      assert.equal(await worker.runOnce(), 2);
      assert.equal(await worker.runOnce(), 0);
    });

    it('does not run a job before its runAt', async () => {
      let runs = 0;
      const worker = createWorker({ 'test.later': async () => void runs++ });
      await enqueueJob(ctx.deps, { type: 'test.later', runAt: ctx.clock.now() + 60_000 });
      assert.equal(await worker.runOnce(), 0);
      ctx.clock.advance(60_000);
      assert.equal(await worker.runOnce(), 1);
      assert.equal(runs, 1);
    });

    it('queues a job only once per dedupe key, even after it ran', async () => {
      const worker = createWorker({ 'test.mail': async () => {} });
      const first = await enqueueJob(ctx.deps, { type: 'test.mail', dedupeKey: 'mail:entry:1' });
      const second = await enqueueJob(ctx.deps, { type: 'test.mail', dedupeKey: 'mail:entry:1' });
      assert.ok(first !== null);
      assert.equal(second, null);
      await worker.runOnce();
      assert.equal(await enqueueJob(ctx.deps, { type: 'test.mail', dedupeKey: 'mail:entry:1' }), null);
      const rows = await ctx.deps.db.selectFrom('jobs').select('id').execute();
      assert.deepEqual(
        rows.map((row) => row.id),
        [first],
      );
    });

    it('commits a job with the transaction that queued it, and drops it with a rollback', async () => {
      await inTransaction(ctx.deps, async (tx) => {
        await enqueueJob(tx, { type: 'test.kept', dedupeKey: 'same' });
        // A duplicate inside the transaction is a no-op that leaves the transaction usable.
        assert.equal(await enqueueJob(tx, { type: 'test.kept', dedupeKey: 'same' }), null);
      });
      await assert.rejects(
        inTransaction(ctx.deps, async (tx) => {
          await enqueueJob(tx, { type: 'test.dropped' });
          throw new Error('the change failed');
        }),
        /the change failed/,
      );
      const rows = await ctx.deps.db.selectFrom('jobs').select('type').execute();
      assert.deepEqual(
        rows.map((row) => row.type),
        ['test.kept'],
      );
    });

    it('retries a job whose handler threw, after the backoff', async () => {
      let calls = 0;
      const worker = createWorker({
        'test.flaky': async () => {
          calls += 1;
          if (calls === 1) throw new Error('SMTP server said 421');
        },
      });
      const id = (await enqueueJob(ctx.deps, { type: 'test.flaky' }))!;
      const start = ctx.clock.now();
      assert.equal(await worker.runOnce(), 1);
      const waiting = await findJob(ctx.deps.db, id);
      assert.equal(waiting?.status, 'pending');
      assert.equal(waiting?.attempts, 1);
      assert.equal(waiting?.runAt, start + 30_000);
      assert.equal(waiting?.lastError, 'Error: SMTP server said 421');
      assert.equal(waiting?.lockedBy, null);

      ctx.clock.advance(29_999);
      assert.equal(await worker.runOnce(), 0);
      ctx.clock.advance(1);
      assert.equal(await worker.runOnce(), 1);
      const done = await findJob(ctx.deps.db, id);
      assert.equal(done?.status, 'completed');
      assert.equal(done?.attempts, 2);
    });

    it('doubles the wait between later attempts', async () => {
      const worker = createWorker({
        'test.down': async () => {
          throw new Error('still down');
        },
      });
      const id = (await enqueueJob(ctx.deps, { type: 'test.down', maxAttempts: 5 }))!;
      await worker.runOnce();
      ctx.clock.advance(30_000);
      await worker.runOnce();
      const job = await findJob(ctx.deps.db, id);
      assert.equal(job?.attempts, 2);
      assert.equal(job?.runAt, ctx.clock.now() + 60_000);
    });

    it('marks a job failed after its last attempt and keeps it', async () => {
      const worker = createWorker({
        'test.broken': async () => {
          throw new TypeError('payload.to is not iterable');
        },
      });
      const id = (await enqueueJob(ctx.deps, { type: 'test.broken', maxAttempts: 2 }))!;
      await worker.runOnce();
      ctx.clock.advance(30_000);
      assert.equal(await worker.runOnce(), 1);
      const job = await findJob(ctx.deps.db, id);
      assert.equal(job?.status, 'failed');
      assert.equal(job?.attempts, 2);
      assert.equal(job?.lastError, 'TypeError: payload.to is not iterable');

      ctx.clock.advance(30 * DAY_MS);
      assert.equal(await worker.runOnce(), 0);
      await purgeCompletedJobs(ctx.deps.db, ctx.clock.now());
      assert.equal((await findJob(ctx.deps.db, id))?.status, 'failed');
    });

    it('fails a job of a type nobody handles at once, saying so', async () => {
      const worker = createWorker({});
      const id = (await enqueueJob(ctx.deps, { type: 'nobody.handles', maxAttempts: 5 }))!;
      assert.equal(await worker.runOnce(), 1);
      const job = await findJob(ctx.deps.db, id);
      assert.equal(job?.status, 'failed');
      assert.equal(job?.attempts, 1);
      assert.equal(job?.lastError, 'No handler is registered for job type "nobody.handles"');
    });

    it('takes back a job whose worker stopped before finishing, once its lease expires', async () => {
      let runs = 0;
      const id = (await enqueueJob(ctx.deps, { type: 'test.survivor' }))!;
      const claimed = await claimDueJobs(ctx.deps.db, ctx.dialect, {
        workerId: 'crashed',
        now: ctx.clock.now(),
        leaseMs: LEASE_MS,
        limit: 10,
      });
      assert.deepEqual(
        claimed.map((job) => job.id),
        [id],
      );
      const worker = createWorker({ 'test.survivor': async () => void runs++ }, 'worker-b');
      assert.equal(await worker.runOnce(), 0);
      ctx.clock.advance(LEASE_MS + 1);
      assert.equal(await worker.runOnce(), 1);
      assert.equal(runs, 1);
      const job = await findJob(ctx.deps.db, id);
      assert.equal(job?.status, 'completed');
      assert.equal(job?.attempts, 2);
      // The crashed worker coming back cannot overwrite what the other worker recorded.
      const isLate = await completeJob(ctx.deps.db, {
        id,
        workerId: 'crashed',
        now: ctx.clock.now(),
        releaseDedupeKey: false,
      });
      assert.equal(isLate, false);
    });

    it('fails a job for good when its lease expires on the last attempt', async () => {
      const id = (await enqueueJob(ctx.deps, { type: 'test.poison', maxAttempts: 1 }))!;
      await claimDueJobs(ctx.deps.db, ctx.dialect, {
        workerId: 'crashed',
        now: ctx.clock.now(),
        leaseMs: LEASE_MS,
        limit: 1,
      });
      ctx.clock.advance(LEASE_MS + 1);
      const worker = createWorker({ 'test.poison': async () => {} }, 'worker-b');
      assert.equal(await worker.runOnce(), 0);
      const job = await findJob(ctx.deps.db, id);
      assert.equal(job?.status, 'failed');
      assert.match(job?.lastError ?? '', /lease of worker crashed expired/);
    });

    it('purges only completed jobs older than the cutoff', async () => {
      const worker = createWorker({ 'test.ok': async () => {} });
      const old = (await enqueueJob(ctx.deps, { type: 'test.ok' }))!;
      await worker.runOnce();
      ctx.clock.advance(8 * DAY_MS);
      const recent = (await enqueueJob(ctx.deps, { type: 'test.ok' }))!;
      await worker.runOnce();
      const pending = (await enqueueJob(ctx.deps, { type: 'test.ok', runAt: ctx.clock.now() + DAY_MS }))!;
      assert.equal(await purgeCompletedJobs(ctx.deps.db, ctx.clock.now() - 7 * DAY_MS), 1);
      assert.equal(await findJob(ctx.deps.db, old), null);
      assert.ok(await findJob(ctx.deps.db, recent));
      assert.ok(await findJob(ctx.deps.db, pending));
    });

    it('counts jobs by status', async () => {
      const worker = createWorker({ 'test.ok': async () => {} });
      await enqueueJob(ctx.deps, { type: 'test.ok' });
      await worker.runOnce();
      await enqueueJob(ctx.deps, { type: 'test.ok' });
      await enqueueJob(ctx.deps, { type: 'test.unknown', maxAttempts: 1, runAt: ctx.clock.now() + 1 });
      assert.deepEqual(await countJobsByStatus(ctx.deps.db), {
        pending: 2,
        running: 0,
        completed: 1,
        failed: 0,
      });
    });

    it('wakes a started worker as soon as a job is queued in the same process', async () => {
      let ran!: () => void;
      const hasRun = new Promise<void>((resolve) => {
        ran = resolve;
      });
      const worker = new Worker({
        deps: ctx.deps,
        handlers: { 'test.now': async () => ran() },
        pollMs: 60_000,
      });
      worker.start();
      try {
        await new Promise((resolve) => setTimeout(resolve, 50));
        await enqueueJob(ctx.deps, { type: 'test.now' });
        const timeout = new Promise<string>((resolve) => setTimeout(() => resolve('timeout'), 5000).unref());
        assert.notEqual(await Promise.race([hasRun.then(() => 'ran'), timeout]), 'timeout');
      } finally {
        await worker.stop();
      }
    });

    it('steps aside while the foreground is busy, yet runs every job and stops at once', async () => {
      const done: number[] = [];
      let asked = 0;
      const worker = new Worker({
        deps: ctx.deps,
        handlers: {
          'test.work': async (_deps, payload) => {
            // A batch that takes a while, so that the pause after it is long enough to see.
            await new Promise((resolve) => setTimeout(resolve, 20));
            done.push((payload as { n: number }).n);
          },
        },
        batchSize: 2,
        concurrency: 2,
        pollMs: 60_000,
        isForegroundBusy: () => {
          asked += 1;
          return true;
        },
      });
      for (let n = 0; n < 6; n += 1) await enqueueJob(ctx.deps, { type: 'test.work', payload: { n } });
      const startedAt = performance.now();
      worker.start();
      try {
        while (done.length < 6 && performance.now() - startedAt < 10_000) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        assert.deepEqual(
          done.sort((a, b) => a - b),
          [0, 1, 2, 3, 4, 5],
        );
        // Three batches of at least 20 ms, each followed by a pause of three times its length.
        assert.ok(asked >= 2, `asked ${asked} times`);
        assert.ok(performance.now() - startedAt >= 2 * 20 * 4, 'the worker never paused');
      } finally {
        const stopping = performance.now();
        await worker.stop();
        assert.ok(performance.now() - stopping < 1000, 'a pause held up stop()');
      }
    });

    it('lets a running handler finish when stopped', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let started!: () => void;
      const hasStarted = new Promise<void>((resolve) => {
        started = resolve;
      });
      const id = (await enqueueJob(ctx.deps, { type: 'test.slow' }))!;
      const worker = new Worker({
        deps: ctx.deps,
        handlers: {
          'test.slow': async () => {
            started();
            await gate;
          },
        },
        pollMs: 60_000,
      });
      worker.start();
      await hasStarted;
      const stopped = worker.stop(5000);
      setTimeout(release, 50);
      await stopped;
      assert.equal((await findJob(ctx.deps.db, id))?.status, 'completed');
    });
  });
}
