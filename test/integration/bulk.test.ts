import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../support/dialects.ts';
import { createAgentWithToken } from '../support/factories.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

for (const dialect of DIALECTS) {
  describe(`bulk ticket changes [${dialect}]`, () => {
    let ctx: TestContext;
    let limited: { agentId: number; token: string };
    let viewer: { agentId: number; token: string };
    let departments: Record<string, number>;
    let pendingStatusId: number;

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
      const db = ctx.database.db;
      departments = Object.fromEntries(
        (await db.selectFrom('departments').select(['id', 'name']).execute()).map((row) => [
          row.name,
          row.id,
        ]),
      );
      const pending = await db
        .selectFrom('ticket_statuses')
        .select('id')
        .where('state', '=', 'pending')
        .executeTakeFirstOrThrow();
      pendingStatusId = pending.id;
    });
    after(async () => ctx.close());

    const open = async (department = 'Support') => {
      const response = await ctx.api('POST', '/api/v1/tickets', {
        subject: 'Cannot print',
        body: 'Queue stuck.',
        requester: { email: 'kim@example.com' },
        departmentId: departments[department],
      });
      assert.equal(response.status, 201);
      return response.body.number as string;
    };
    const read = async (number: string) => (await ctx.api('GET', `/api/v1/tickets/${number}`)).body;

    it('changes every ticket and answers one result per number, in order', async () => {
      const numbers = [await open(), await open('IT Operations'), await open()];
      const response = await ctx.api('POST', '/api/v1/tickets/bulk', {
        numbers,
        changes: { status: pendingStatusId, priority: 'high' },
      });
      assert.equal(response.status, 200);
      assert.deepEqual(
        response.body.results,
        numbers.map((number) => ({ number, ok: true })),
      );
      for (const number of numbers) {
        const ticket = await read(number);
        assert.equal(ticket.state, 'pending');
        assert.equal(ticket.priority.key, 'high');
      }
    });

    it('changes the tickets an agent may change and reports the others', async () => {
      const mine = await open();
      const alsoMine = await open();
      const elsewhere = await open('IT Operations');
      const response = await ctx.api(
        'POST',
        '/api/v1/tickets/bulk',
        { numbers: [mine, elsewhere, 'NOPE-1', alsoMine], changes: { assigneeId: limited.agentId } },
        { token: limited.token },
      );
      assert.equal(response.status, 200);
      const results = response.body.results;
      assert.deepEqual(
        results.map((result: { number: string; ok: boolean }) => [result.number, result.ok]),
        [
          [mine, true],
          [elsewhere, false],
          ['NOPE-1', false],
          [alsoMine, true],
        ],
      );
      assert.equal(results[1].error.code, 'not_found');
      assert.equal(results[2].error.code, 'not_found');
      assert.equal((await read(mine)).assignee.id, limited.agentId);
      assert.equal((await read(alsoMine)).assignee.id, limited.agentId);
      assert.equal((await read(elsewhere)).assignee, null);
    });

    it('refuses each ticket the agent lacks the permission for, changing nothing there', async () => {
      const number = await open();
      const response = await ctx.api(
        'POST',
        '/api/v1/tickets/bulk',
        { numbers: [number], changes: { priority: 'emergency' } },
        { token: viewer.token },
      );
      assert.equal(response.status, 200);
      assert.equal(response.body.results[0].ok, false);
      assert.equal(response.body.results[0].error.code, 'forbidden');
      assert.equal((await read(number)).priority.key, 'normal');
    });

    it('reports a bad reference per ticket', async () => {
      const number = await open();
      const response = await ctx.api('POST', '/api/v1/tickets/bulk', {
        numbers: [number],
        changes: { departmentId: 99_999 },
      });
      assert.equal(response.body.results[0].error.code, 'unknown_reference');
    });

    it('rejects an empty change, duplicate numbers and more than 100 tickets', async () => {
      const number = await open();
      const empty = await ctx.api('POST', '/api/v1/tickets/bulk', { numbers: [number], changes: {} });
      assert.equal(empty.status, 400);
      const duplicates = await ctx.api('POST', '/api/v1/tickets/bulk', {
        numbers: [number, number],
        changes: { priority: 'low' },
      });
      assert.equal(duplicates.status, 400);
      const many = Array.from({ length: 101 }, (_, i) => String(100_000 + i));
      const tooMany = await ctx.api('POST', '/api/v1/tickets/bulk', {
        numbers: many,
        changes: { priority: 'low' },
      });
      assert.equal(tooMany.status, 400);
      const unknownField = await ctx.api('POST', '/api/v1/tickets/bulk', {
        numbers: [number],
        changes: { subject: 'Renamed' },
      });
      assert.equal(unknownField.status, 400);
      assert.equal((await read(number)).priority.key, 'normal');
    });
  });
}
