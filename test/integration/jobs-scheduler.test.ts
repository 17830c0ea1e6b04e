import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { claimDueJobs, listJobs } from '../../src/db/repositories/jobs.repository.ts';
import { purgeIdempotencyKeysTask, purgeJobsTask, purgeSessionsTask } from '../../src/jobs/maintenance.ts';
import { RECURRING_TASKS } from '../../src/jobs/registry.ts';
import { ensureRecurringJobs, type RecurringTask, recurringDedupeKey } from '../../src/jobs/scheduler.ts';
import { Worker } from '../../src/jobs/worker.ts';
import { DAY_MS, HOUR_MS } from '../../src/lib/clock.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

const MINUTE_MS = 60_000;

for (const dialect of DIALECTS) {
  describe(`recurring jobs [${dialect}]`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(dialect);
    });
    after(async () => ctx.close());
    beforeEach(async () => {
      await ctx.deps.db.deleteFrom('jobs').execute();
    });

    function createWorker(tasks: RecurringTask[], workerId = 'worker-a'): Worker {
      return new Worker({ deps: ctx.deps, handlers: {}, recurring: tasks, workerId, random: () => 0 });
    }

    async function jobsOf(type: string) {
      return (await listJobs(ctx.deps.db, { type, limit: 100 })).reverse();
    }

    it('keeps one queued job per task however many processes ensure it', async () => {
      const task: RecurringTask = { type: 'test.tick', everyMs: MINUTE_MS, handler: async () => {} };
      assert.equal(await ensureRecurringJobs(ctx.deps, [task]), 1);
      assert.equal(await ensureRecurringJobs(ctx.deps, [task]), 0);
      const jobs = await jobsOf('test.tick');
      assert.equal(jobs.length, 1);
      assert.equal(jobs[0]?.dedupeKey, recurringDedupeKey('test.tick'));
      assert.equal(jobs[0]?.runAt, ctx.clock.now());
    });

    it('runs once per tick and queues the next tick', async () => {
      let runs = 0;
      const task: RecurringTask = { type: 'test.tick', everyMs: MINUTE_MS, handler: async () => void runs++ };
      const start = ctx.clock.now();
      await ensureRecurringJobs(ctx.deps, [task]);
      const worker = createWorker([task]);
      assert.equal(await worker.runOnce(), 1);
      assert.equal(await worker.runOnce(), 0);
      ctx.clock.advance(MINUTE_MS - 1);
      assert.equal(await worker.runOnce(), 0);
      ctx.clock.advance(1);
      assert.equal(await worker.runOnce(), 1);
      assert.equal(runs, 2);
      const jobs = await jobsOf('test.tick');
      assert.deepEqual(
        jobs.map((job) => [job.status, job.runAt, job.dedupeKey]),
        [
          ['completed', start, null],
          ['completed', start + MINUTE_MS, null],
          ['pending', start + 2 * MINUTE_MS, recurringDedupeKey('test.tick')],
        ],
      );
    });

    it('runs a tick once when two workers reach it together', async () => {
      let runs = 0;
      const task: RecurringTask = { type: 'test.tick', everyMs: MINUTE_MS, handler: async () => void runs++ };
      await ensureRecurringJobs(ctx.deps, [task]);
      await ensureRecurringJobs(ctx.deps, [task]);
      const ran = await Promise.all([
        createWorker([task], 'worker-a').runOnce(),
        createWorker([task], 'worker-b').runOnce(),
      ]);
      assert.equal(ran[0]! + ran[1]!, 1);
      assert.equal(runs, 1);
      assert.equal((await jobsOf('test.tick')).filter((job) => job.status === 'pending').length, 1);
    });

    it('skips the ticks missed while no worker ran', async () => {
      const task: RecurringTask = { type: 'test.tick', everyMs: MINUTE_MS, handler: async () => {} };
      const start = ctx.clock.now();
      await ensureRecurringJobs(ctx.deps, [task]);
      ctx.clock.advance(10 * MINUTE_MS + 5);
      const worker = createWorker([task]);
      assert.equal(await worker.runOnce(), 1);
      assert.equal(await worker.runOnce(), 0);
      const next = (await jobsOf('test.tick')).find((job) => job.status === 'pending');
      assert.equal(next?.runAt, start + 11 * MINUTE_MS);
    });

    it('queues the next tick after a tick fails for good', async () => {
      const task: RecurringTask = {
        type: 'test.tick',
        everyMs: MINUTE_MS,
        maxAttempts: 1,
        handler: async () => {
          throw new Error('the rule could not run');
        },
      };
      await ensureRecurringJobs(ctx.deps, [task]);
      await createWorker([task]).runOnce();
      const jobs = await jobsOf('test.tick');
      assert.deepEqual(
        jobs.map((job) => [job.status, job.dedupeKey, job.lastError]),
        [
          ['failed', null, 'Error: the rule could not run'],
          ['pending', recurringDedupeKey('test.tick'), null],
        ],
      );
    });

    it('queues the next tick when a tick is lost with its crashed worker', async () => {
      const task: RecurringTask = {
        type: 'test.tick',
        everyMs: HOUR_MS,
        maxAttempts: 1,
        handler: async () => {},
      };
      await ensureRecurringJobs(ctx.deps, [task]);
      await claimDueJobs(ctx.deps.db, ctx.dialect, {
        workerId: 'crashed',
        now: ctx.clock.now(),
        leaseMs: MINUTE_MS,
        limit: 1,
      });
      ctx.clock.advance(MINUTE_MS + 1);
      await new Worker({ deps: ctx.deps, handlers: {}, recurring: [task], leaseMs: MINUTE_MS }).runOnce();
      const jobs = await jobsOf('test.tick');
      assert.deepEqual(
        jobs.map((job) => [job.status, job.dedupeKey]),
        [
          ['failed', null],
          ['pending', recurringDedupeKey('test.tick')],
        ],
      );
    });

    it('repairs a chain whose failed tick still holds the key', async () => {
      const task: RecurringTask = { type: 'test.tick', everyMs: HOUR_MS, handler: async () => {} };
      await ensureRecurringJobs(ctx.deps, [task]);
      await ctx.deps.db.updateTable('jobs').set({ status: 'failed' }).execute();
      assert.equal(await ensureRecurringJobs(ctx.deps, [task]), 1);
      const jobs = await jobsOf('test.tick');
      assert.deepEqual(
        jobs.map((job) => [job.status, job.dedupeKey]),
        [
          ['failed', null],
          ['pending', recurringDedupeKey('test.tick')],
        ],
      );
    });

    it('retries a failing tick before giving it up', async () => {
      let calls = 0;
      const task: RecurringTask = {
        type: 'test.tick',
        everyMs: HOUR_MS,
        handler: async () => {
          calls += 1;
          if (calls === 1) throw new Error('busy');
        },
      };
      await ensureRecurringJobs(ctx.deps, [task]);
      const worker = createWorker([task]);
      await worker.runOnce();
      ctx.clock.advance(30_000);
      assert.equal(await worker.runOnce(), 1);
      const jobs = await jobsOf('test.tick');
      assert.deepEqual(
        jobs.map((job) => [job.status, job.attempts]),
        [
          ['completed', 2],
          ['pending', 0],
        ],
      );
    });

    it('registers the maintenance tasks, and each runs cleanly', async () => {
      const types = RECURRING_TASKS.map((task) => task.type);
      for (const type of [
        'maintenance.purge-sessions',
        'maintenance.purge-jobs',
        'maintenance.purge-idempotency-keys',
      ]) {
        assert.ok(types.includes(type), type);
      }
      await ensureRecurringJobs(ctx.deps, RECURRING_TASKS);
      const worker = new Worker({ deps: ctx.deps, handlers: {}, recurring: RECURRING_TASKS });
      assert.equal(await worker.runOnce(), RECURRING_TASKS.length);
      const failed = await listJobs(ctx.deps.db, { status: 'failed', limit: 10 });
      assert.deepEqual(failed, []);
    });

    it('purges expired sessions, old completed jobs and old idempotency keys', async () => {
      const now = ctx.clock.now();
      const session = (id: string, expiresAt: number) => ({
        id,
        agent_id: ctx.adminId,
        csrf_token: 'csrf',
        created_at: now - DAY_MS,
        expires_at: expiresAt,
        last_seen_at: now - DAY_MS,
      });
      await ctx.deps.db
        .insertInto('sessions')
        .values([session('expired', now - 1), session('live', now + HOUR_MS)])
        .execute();
      const key = (name: string, createdAt: number) => ({
        scope: 'test',
        key: name,
        request_hash: 'h',
        resource_type: 'ticket',
        resource_id: 1,
        created_at: createdAt,
      });
      await ctx.deps.db
        .insertInto('idempotency_keys')
        .values([key('old', now - 25 * HOUR_MS), key('fresh', now - HOUR_MS)])
        .execute();
      const completedJob = (completedAt: number) => ({
        type: 'test.done',
        payload: '{}',
        status: 'completed',
        run_at: completedAt,
        max_attempts: 1,
        created_at: completedAt,
        updated_at: completedAt,
        completed_at: completedAt,
      });
      await ctx.deps.db
        .insertInto('jobs')
        .values([completedJob(now - 8 * DAY_MS), completedJob(now - 6 * DAY_MS)])
        .execute();

      await purgeSessionsTask(ctx.deps);
      await purgeJobsTask(ctx.deps);
      await purgeIdempotencyKeysTask(ctx.deps);

      const sessions = await ctx.deps.db.selectFrom('sessions').select('id').orderBy('id').execute();
      assert.ok(!sessions.some((row) => row.id === 'expired'));
      assert.ok(sessions.some((row) => row.id === 'live'));
      const keys = await ctx.deps.db.selectFrom('idempotency_keys').select('key').execute();
      assert.deepEqual(
        keys.map((row) => row.key),
        ['fresh'],
      );
      const done = await ctx.deps.db.selectFrom('jobs').select('completed_at').execute();
      assert.deepEqual(
        done.map((row) => row.completed_at),
        [now - 6 * DAY_MS],
      );
    });
  });
}
