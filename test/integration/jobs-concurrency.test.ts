import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type DatabaseHandle, openDatabase } from '../../src/db/dialects.ts';
import { claimDueJobs } from '../../src/db/repositories/jobs.repository.ts';
import { enqueueJob } from '../../src/jobs/queue.ts';
import { Worker } from '../../src/jobs/worker.ts';
import type { ServiceDeps } from '../../src/services/deps.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

const JOB_COUNT = 120;

for (const dialect of DIALECTS) {
  describe(`job claims across connections [${dialect}]`, () => {
    let ctx: TestContext;
    // A second, separate connection pool (or SQLite connection): what another worker process would have.
    let other: DatabaseHandle;
    let otherDeps: ServiceDeps;
    before(async () => {
      ctx = await createTestContext(dialect);
      other = openDatabase(ctx.database.url, { schema: ctx.database.schema ?? undefined, poolSize: 4 });
      otherDeps = { ...ctx.deps, db: other.db };
    });
    after(async () => {
      await other.close();
      await ctx.close();
    });
    beforeEach(async () => {
      await ctx.deps.db.deleteFrom('jobs').execute();
    });

    async function enqueueMany(count: number): Promise<number[]> {
      const ids: number[] = [];
      for (let i = 0; i < count; i += 1) ids.push((await enqueueJob(ctx.deps, { type: 'test.count' }))!);
      return ids;
    }

    it('hands each job to exactly one of many concurrent claims', async () => {
      const ids = await enqueueMany(60);
      const claims = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          claimDueJobs(i % 2 === 0 ? ctx.deps.db : other.db, dialect, {
            workerId: `claimer-${i}`,
            now: ctx.clock.now(),
            leaseMs: 60_000,
            limit: 5,
          }),
        ),
      );
      assert.ok(
        claims.every((claim) => claim.length <= 5),
        'a claim took more than its limit',
      );
      const claimed = claims.flat().map((job) => job.id);
      assert.equal(new Set(claimed).size, claimed.length, 'a job was claimed twice');
      assert.deepEqual(
        [...claimed].sort((a, b) => a - b),
        ids.slice(0, claimed.length),
      );
      assert.equal(claimed.length, 60);
    });

    it('never runs the same job twice with two workers on separate connections', async () => {
      const ids = await enqueueMany(JOB_COUNT);
      const runs: { id: number; workerId: string }[] = [];
      const createWorker = (deps: ServiceDeps, workerId: string) =>
        new Worker({
          deps,
          workerId,
          batchSize: 5,
          concurrency: 3,
          handlers: {
            'test.count': async (_deps, _payload, job) => {
              runs.push({ id: job.id, workerId });
              // Yielding lets the other worker claim while this batch is still running.
              await sleep(1);
            },
          },
        });
      const drain = async (worker: Worker) => {
        while ((await worker.runOnce()) > 0) {}
      };
      await Promise.all([drain(createWorker(ctx.deps, 'one')), drain(createWorker(otherDeps, 'two'))]);

      const ran = runs.map((run) => run.id);
      assert.equal(new Set(ran).size, ran.length, 'a job ran twice');
      assert.deepEqual(
        [...ran].sort((a, b) => a - b),
        ids,
      );
      assert.ok(runs.some((run) => run.workerId === 'one'));
      assert.ok(runs.some((run) => run.workerId === 'two'));
      const left = await ctx.deps.db
        .selectFrom('jobs')
        .select('id')
        .where('status', '!=', 'completed')
        .execute();
      assert.deepEqual(left, []);
    });
  });
}
