import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../support/dialects.ts';
import { createAgentWithToken } from '../support/factories.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

for (const dialect of DIALECTS) {
  describe(`ticket permissions [${dialect}]`, () => {
    let ctx: TestContext;
    let limited: { agentId: number; token: string };
    let viewer: { agentId: number; token: string };
    let supportId: number;
    let operationsId: number;

    before(async () => {
      ctx = await createTestContext(dialect);
      limited = await createAgentWithToken(ctx, {
        email: 'lee@desk.example',
        department: 'Support',
        role: 'Limited access',
      });
      viewer = await createAgentWithToken(ctx, {
        email: 'val@desk.example',
        department: 'Support',
        role: 'View only',
      });
      const departments = await ctx.database.db.selectFrom('departments').select(['id', 'name']).execute();
      supportId = departments.find((d) => d.name === 'Support')?.id ?? 0;
      operationsId = departments.find((d) => d.name === 'IT Operations')?.id ?? 0;
    });
    after(async () => ctx.close());

    const open = async (departmentId: number) => {
      const response = await ctx.api('POST', '/api/v1/tickets', {
        subject: 'Laptop will not boot',
        body: 'Black screen.',
        requester: { email: 'kim@example.com' },
        departmentId,
      });
      assert.equal(response.status, 201);
      return response.body.number as string;
    };

    it('hides tickets of departments the agent has no access to', async () => {
      const number = await open(operationsId);
      const read = await ctx.api('GET', `/api/v1/tickets/${number}`, undefined, { token: limited.token });
      assert.equal(read.status, 404);
      const list = await ctx.api('GET', '/api/v1/tickets?limit=100', undefined, { token: limited.token });
      assert.ok(list.body.items.every((t: { department: { id: number } }) => t.department.id === supportId));
    });

    it('shows a ticket outside the agent departments once it is assigned to them', async () => {
      const number = await open(operationsId);
      await ctx.api('POST', `/api/v1/tickets/${number}/assign`, { assigneeId: limited.agentId });
      const read = await ctx.api('GET', `/api/v1/tickets/${number}`, undefined, { token: limited.token });
      assert.equal(read.status, 200);
      const reply = await ctx.api(
        'POST',
        `/api/v1/tickets/${number}/replies`,
        { body: 'On it' },
        { token: limited.token },
      );
      assert.equal(reply.status, 201);
      const transfer = await ctx.api(
        'POST',
        `/api/v1/tickets/${number}/transfer`,
        { departmentId: supportId },
        { token: limited.token },
      );
      assert.equal(transfer.status, 403);
    });

    it('lets a limited agent reply, assign and transfer but not resolve or edit', async () => {
      const number = await open(supportId);
      const url = `/api/v1/tickets/${number}`;
      const as = { token: limited.token };
      assert.equal((await ctx.api('POST', `${url}/replies`, { body: 'Hello' }, as)).status, 201);
      assert.equal((await ctx.api('POST', `${url}/assign`, { assigneeId: limited.agentId }, as)).status, 200);
      const resolve = await ctx.api(
        'POST',
        `${url}/resolve`,
        { problem: 'p', actionTaken: 'a', confirmation: 'c', code: 'fixed' },
        as,
      );
      assert.equal(resolve.status, 403);
      assert.equal(resolve.body.error.code, 'forbidden');
      const edit = await ctx.api('PATCH', url, { priority: 'high' }, as);
      assert.equal(edit.status, 403);
      assert.equal(
        (await ctx.api('GET', url)).body.priority.key,
        'normal',
        'a refused change changes nothing',
      );
      assert.equal(
        (await ctx.api('POST', `${url}/transfer`, { departmentId: operationsId }, as)).status,
        200,
      );
    });

    it('lets a view-only agent read and note but not reply or create', async () => {
      const number = await open(supportId);
      const as = { token: viewer.token };
      assert.equal((await ctx.api('GET', `/api/v1/tickets/${number}`, undefined, as)).status, 200);
      assert.equal(
        (await ctx.api('POST', `/api/v1/tickets/${number}/notes`, { body: 'Seen' }, as)).status,
        201,
      );
      assert.equal(
        (await ctx.api('POST', `/api/v1/tickets/${number}/replies`, { body: 'Hi' }, as)).status,
        403,
      );
      const create = await ctx.api(
        'POST',
        '/api/v1/tickets',
        { subject: 'x', body: 'y', requester: { email: 'a@b.example' }, departmentId: supportId },
        as,
      );
      assert.equal(create.status, 403);
    });

    it('keeps the refused patch atomic when one of several changes is not allowed', async () => {
      const number = await open(supportId);
      const response = await ctx.api(
        'PATCH',
        `/api/v1/tickets/${number}`,
        { assigneeId: limited.agentId, priority: 'emergency' },
        { token: limited.token },
      );
      assert.equal(response.status, 403);
      const ticket = (await ctx.api('GET', `/api/v1/tickets/${number}`)).body;
      assert.equal(ticket.assignee, null);
      assert.equal(ticket.priority.key, 'normal');
    });
  });
}
