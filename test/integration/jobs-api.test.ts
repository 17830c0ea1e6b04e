import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { enqueueJob } from '../../src/jobs/queue.ts';
import { Worker } from '../../src/jobs/worker.ts';
import { createApiToken } from '../../src/services/auth/api-tokens.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

for (const dialect of DIALECTS) {
  describe(`jobs API [${dialect}]`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(dialect);
    });
    after(async () => ctx.close());
    beforeEach(async () => {
      await ctx.deps.db.deleteFrom('jobs').execute();
    });

    /** Queues one job of `type` and lets a worker that knows no handler fail it for good. */
    async function createFailedJob(type: string): Promise<number> {
      const id = (await enqueueJob(ctx.deps, { type, payload: { n: 1 }, maxAttempts: 3 }))!;
      await new Worker({ deps: ctx.deps, handlers: {} }).runOnce();
      return id;
    }

    it('lists jobs newest first with their state and payload', async () => {
      const first = (await enqueueJob(ctx.deps, { type: 'mail.send', payload: { entryId: 4 } }))!;
      const second = (await enqueueJob(ctx.deps, { type: 'webhook.deliver', dedupeKey: 'hook:1' }))!;
      const response = await ctx.api('GET', '/api/v1/jobs');
      assert.equal(response.status, 200);
      assert.deepEqual(
        response.body.items.map((job: { id: number }) => job.id),
        [second, first],
      );
      assert.deepEqual(response.body.items[1], {
        id: first,
        type: 'mail.send',
        status: 'pending',
        payload: { entryId: 4 },
        dedupeKey: null,
        attempts: 0,
        maxAttempts: 10,
        runAt: new Date(ctx.clock.now()).toISOString(),
        lockedBy: null,
        lockedUntil: null,
        lastError: null,
        createdAt: new Date(ctx.clock.now()).toISOString(),
        updatedAt: new Date(ctx.clock.now()).toISOString(),
        completedAt: null,
      });
    });

    it('filters the list by status, type and limit', async () => {
      const failed = await createFailedJob('nobody.handles');
      await enqueueJob(ctx.deps, { type: 'mail.send', runAt: ctx.clock.now() + 60_000 });
      await enqueueJob(ctx.deps, { type: 'mail.send', runAt: ctx.clock.now() + 60_000 });

      const byStatus = await ctx.api('GET', '/api/v1/jobs?status=failed');
      assert.deepEqual(
        byStatus.body.items.map((job: { id: number }) => job.id),
        [failed],
      );
      assert.match(byStatus.body.items[0].lastError, /No handler is registered/);
      const byType = await ctx.api('GET', '/api/v1/jobs?type=mail.send&limit=1');
      assert.equal(byType.body.items.length, 1);
      assert.equal(byType.body.items[0].type, 'mail.send');
    });

    it('rejects an unknown status or an out-of-range limit', async () => {
      assert.equal((await ctx.api('GET', '/api/v1/jobs?status=lost')).status, 400);
      assert.equal((await ctx.api('GET', '/api/v1/jobs?limit=0')).status, 400);
      assert.equal((await ctx.api('GET', '/api/v1/jobs?limit=501')).status, 400);
    });

    it('retries a failed job: pending, due now, with fresh attempts', async () => {
      const id = await createFailedJob('nobody.handles');
      ctx.clock.advance(3_600_000);
      const response = await ctx.api('POST', `/api/v1/jobs/${id}/retry`);
      assert.equal(response.status, 200);
      assert.equal(response.body.status, 'pending');
      assert.equal(response.body.attempts, 0);
      assert.equal(response.body.runAt, new Date(ctx.clock.now()).toISOString());

      let runs = 0;
      const worker = new Worker({ deps: ctx.deps, handlers: { 'nobody.handles': async () => void runs++ } });
      assert.equal(await worker.runOnce(), 1);
      assert.equal(runs, 1);
    });

    it('refuses to retry a job that has not failed', async () => {
      const id = (await enqueueJob(ctx.deps, { type: 'mail.send' }))!;
      const response = await ctx.api('POST', `/api/v1/jobs/${id}/retry`);
      assert.equal(response.status, 409);
      assert.equal(response.body.error.code, 'invalid_transition');
    });

    it('answers 404 for a job that does not exist', async () => {
      const response = await ctx.api('POST', '/api/v1/jobs/999999/retry');
      assert.equal(response.status, 404);
      assert.equal(response.body.error.code, 'not_found');
    });

    it('is for administrators only', async () => {
      const admin = await ctx.deps.db
        .selectFrom('agents')
        .select(['department_id', 'role_id'])
        .where('id', '=', ctx.adminId)
        .executeTakeFirstOrThrow();
      const agent = await ctx.deps.db
        .insertInto('agents')
        .values({
          email: 'agent@tessera.test',
          name: 'Plain Agent',
          password_hash: null,
          is_admin: 0,
          is_active: 1,
          department_id: admin.department_id,
          role_id: admin.role_id,
          created_at: ctx.clock.now(),
          updated_at: ctx.clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const { token } = await createApiToken(ctx.deps, { agentId: agent.id, name: 'plain' });
      const failed = await createFailedJob('nobody.handles');
      assert.equal((await ctx.api('GET', '/api/v1/jobs', undefined, { token })).status, 403);
      const retry = await ctx.api('POST', `/api/v1/jobs/${failed}/retry`, undefined, { token });
      assert.equal(retry.status, 403);
      assert.equal((await ctx.api('GET', '/api/v1/jobs', undefined, { token: null })).status, 401);
    });

    it('appears in the OpenAPI document', async () => {
      const response = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
      const paths = response.json().paths;
      assert.ok(paths['/api/v1/jobs']?.get);
      assert.ok(paths['/api/v1/jobs/{id}/retry']?.post);
    });
  });
}
