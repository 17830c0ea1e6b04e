import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../support/dialects.ts';
import { createAgentWithToken } from '../support/factories.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

for (const dialect of DIALECTS) {
  describe(`saved queues [${dialect}]`, () => {
    let ctx: TestContext;
    let lee: { agentId: number; token: string };
    let sam: { agentId: number; token: string };
    let supportId: number;

    before(async () => {
      ctx = await createTestContext(dialect);
      lee = await createAgentWithToken(ctx, {
        email: 'lee@desk.example',
        department: 'Support',
        role: 'All access',
      });
      sam = await createAgentWithToken(ctx, {
        email: 'sam@desk.example',
        department: 'Support',
        role: 'All access',
      });
      const support = await ctx.database.db
        .selectFrom('departments')
        .select('id')
        .where('name', '=', 'Support')
        .executeTakeFirstOrThrow();
      supportId = support.id;
    });
    after(async () => ctx.close());

    const as = (agent: { token: string }) => ({ token: agent.token });

    it('lets an agent save, read, change and delete a queue of their own', async () => {
      const created = await ctx.api(
        'POST',
        '/api/v1/queues',
        {
          name: 'My urgent',
          filters: { state: 'open', priority: 'high', assigneeId: 'me' },
          sort: '-created',
        },
        as(lee),
      );
      assert.equal(created.status, 201);
      assert.equal(created.body.isShared, false);
      assert.equal(created.body.ownerId, lee.agentId);
      assert.deepEqual(created.body.filters, { state: 'open', priority: 'high', assigneeId: 'me' });
      const id = created.body.id as number;
      assert.equal((await ctx.api('GET', `/api/v1/queues/${id}`, undefined, as(lee))).body.name, 'My urgent');
      const changed = await ctx.api(
        'PATCH',
        `/api/v1/queues/${id}`,
        { name: 'Urgent', position: 5 },
        as(lee),
      );
      assert.equal(changed.status, 200);
      assert.equal(changed.body.name, 'Urgent');
      assert.equal(changed.body.position, 5);
      assert.equal(changed.body.sort, '-created');
      const listed = await ctx.api('GET', '/api/v1/queues', undefined, as(lee));
      assert.ok(listed.body.items.some((queue: { id: number }) => queue.id === id));
      assert.equal((await ctx.api('DELETE', `/api/v1/queues/${id}`, undefined, as(lee))).status, 204);
      assert.equal((await ctx.api('GET', `/api/v1/queues/${id}`, undefined, as(lee))).status, 404);
    });

    it('hides one agent’s queues from another', async () => {
      const created = await ctx.api('POST', '/api/v1/queues', { name: 'Private', filters: {} }, as(lee));
      const id = created.body.id as number;
      assert.equal((await ctx.api('GET', `/api/v1/queues/${id}`, undefined, as(sam))).status, 404);
      assert.equal((await ctx.api('PATCH', `/api/v1/queues/${id}`, { name: 'Mine' }, as(sam))).status, 404);
      assert.equal((await ctx.api('DELETE', `/api/v1/queues/${id}`, undefined, as(sam))).status, 404);
      const listed = await ctx.api('GET', '/api/v1/queues', undefined, as(sam));
      assert.ok(listed.body.items.every((queue: { id: number }) => queue.id !== id));
    });

    it('refuses a shared queue from a non-administrator', async () => {
      const response = await ctx.api(
        'POST',
        '/api/v1/queues',
        { name: 'Everyone', filters: { state: 'open' }, isShared: true },
        as(lee),
      );
      assert.equal(response.status, 403);
      assert.equal(response.body.error.code, 'forbidden');
    });

    it('shows an administrator’s shared queue to every agent, who cannot change it', async () => {
      const created = await ctx.api('POST', '/api/v1/queues', {
        name: 'Network outages',
        filters: { state: 'open,pending', tags: 'network' },
        isShared: true,
      });
      assert.equal(created.status, 201);
      assert.equal(created.body.isShared, true);
      assert.equal(created.body.ownerId, null);
      const id = created.body.id as number;
      const listed = await ctx.api('GET', '/api/v1/queues', undefined, as(lee));
      assert.ok(listed.body.items.some((queue: { id: number }) => queue.id === id));
      assert.equal((await ctx.api('PATCH', `/api/v1/queues/${id}`, { name: 'Mine' }, as(lee))).status, 403);
      assert.equal((await ctx.api('DELETE', `/api/v1/queues/${id}`, undefined, as(lee))).status, 403);
      assert.equal((await ctx.api('PATCH', `/api/v1/queues/${id}`, { position: 2 })).status, 200);
    });

    it('answers 409 for a second queue of the same name, ignoring case', async () => {
      assert.equal((await ctx.api('POST', '/api/v1/queues', { name: 'Billing' }, as(lee))).status, 201);
      const again = await ctx.api('POST', '/api/v1/queues', { name: 'billing' }, as(lee));
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'already_exists');
      assert.equal((await ctx.api('POST', '/api/v1/queues', { name: 'Billing' }, as(sam))).status, 201);
    });

    it('validates filters like the ticket list does', async () => {
      const badState = await ctx.api(
        'POST',
        '/api/v1/queues',
        { name: 'X', filters: { state: 'lost' } },
        as(lee),
      );
      assert.equal(badState.status, 400);
      assert.equal(badState.body.error.details.field, 'filters.state');
      const badKey = await ctx.api(
        'POST',
        '/api/v1/queues',
        { name: 'X', filters: { colour: 'red' } },
        as(lee),
      );
      assert.equal(badKey.status, 400);
      const badSort = await ctx.api('POST', '/api/v1/queues', { name: 'X', sort: 'random' }, as(lee));
      assert.equal(badSort.status, 400);
      const badDepartment = await ctx.api(
        'POST',
        '/api/v1/queues',
        { name: 'X', filters: { departmentId: 9999 } },
        as(lee),
      );
      assert.equal(badDepartment.status, 422);
      assert.equal(badDepartment.body.error.code, 'unknown_reference');
      const badPriority = await ctx.api(
        'POST',
        '/api/v1/queues',
        { name: 'X', filters: { priority: 'meh' } },
        as(lee),
      );
      assert.equal(badPriority.status, 422);
      const empty = await ctx.api('PATCH', '/api/v1/queues/1', {}, as(lee));
      assert.equal(empty.status, 400);
      const names = (await ctx.api('GET', '/api/v1/queues', undefined, as(lee))).body.items.map(
        (queue: { name: string }) => queue.name,
      );
      assert.ok(!names.includes('X'));
    });

    it('accepts a department queue filter the agent can name', async () => {
      const created = await ctx.api(
        'POST',
        '/api/v1/queues',
        { name: 'Support unassigned', filters: { departmentId: supportId, assigneeId: 'none' } },
        as(lee),
      );
      assert.equal(created.status, 201);
    });
  });
}
