import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countTicketViews } from '../../src/db/repositories/ticket-views.repository.ts';
import { markOverdueTickets } from '../../src/services/tickets/scheduled-rules.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createAgentWithToken } from '../support/factories.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

interface Counted {
  key: string;
  kind: string;
  filters: Record<string, string | number | boolean>;
  count: number;
  isCapped: boolean;
}

for (const dialect of DIALECTS) {
  describe(`queue counts [${dialect}]`, () => {
    let ctx: TestContext;
    let lee: { agentId: number; token: string };
    let ops: { agentId: number; token: string };
    let departments: Record<string, number>;
    let statuses: Record<string, number>;

    before(async () => {
      ctx = await createTestContext(dialect);
      const db = ctx.database.db;
      departments = Object.fromEntries(
        (await db.selectFrom('departments').select(['id', 'name']).execute()).map((row) => [
          row.name,
          row.id,
        ]),
      );
      statuses = Object.fromEntries(
        (await db.selectFrom('ticket_statuses').select(['id', 'name']).execute()).map((row) => [
          row.name,
          row.id,
        ]),
      );
      const team = await ctx.api('POST', '/api/v1/teams', { name: 'Network' });
      lee = await createAgentWithToken(ctx, {
        email: 'lee@desk.example',
        department: 'Support',
        role: 'All access',
        teamIds: [team.body.id],
      });
      ops = await createAgentWithToken(ctx, {
        email: 'ops@desk.example',
        department: 'IT Operations',
        role: 'All access',
      });
      const open = async (department: string, extra: Record<string, unknown> = {}) => {
        const response = await ctx.api('POST', '/api/v1/tickets', {
          subject: 'Mail is slow',
          body: 'Very slow.',
          requester: { email: 'kim@example.com' },
          departmentId: departments[department],
          ...extra,
        });
        assert.equal(response.status, 201);
        return response.body.number as string;
      };
      await open('Support');
      await open('Support', { assigneeId: lee.agentId, priority: 'high' });
      await open('IT Operations', { teamId: team.body.id, tags: ['network'] });
      await open('IT Operations', { assigneeId: ops.agentId });
      const waiting = await open('Support', { assigneeId: lee.agentId });
      await ctx.api('PATCH', `/api/v1/tickets/${waiting}`, { status: statuses['Waiting on customer'] });
      const late = await open('IT Operations');
      await ctx.api('PATCH', `/api/v1/tickets/${late}`, {
        dueAt: new Date(ctx.clock.now() - 60_000).toISOString(),
      });
      await markOverdueTickets(ctx.deps);
      const resolution = {
        problem: 'Quota',
        actionTaken: 'Raised it',
        confirmation: 'User checked',
        code: 'fixed',
      };
      const resolved = await open('Support');
      assert.equal((await ctx.api('POST', `/api/v1/tickets/${resolved}/resolve`, resolution)).status, 200);
      const closed = await open('IT Operations');
      await ctx.api('POST', `/api/v1/tickets/${closed}/resolve`, resolution);
      assert.equal(
        (await ctx.api('PATCH', `/api/v1/tickets/${closed}`, { status: statuses.Closed })).status,
        200,
      );
      await ctx.api(
        'POST',
        '/api/v1/queues',
        { name: 'Network', filters: { tags: 'network', state: 'open' } },
        {
          token: lee.token,
        },
      );
      await ctx.api('POST', '/api/v1/queues', { name: 'Slow mail', filters: { q: 'slow' }, isShared: true });
    });
    after(async () => ctx.close());

    const countsOf = async (token: string): Promise<Counted[]> => {
      const response = await ctx.api('GET', '/api/v1/queues/counts', undefined, { token });
      assert.equal(response.status, 200);
      assert.equal(response.body.cap, 1000);
      return response.body.items;
    };
    const listLength = async (filters: Counted['filters'], token: string) => {
      const query = Object.entries(filters)
        .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`)
        .join('&');
      const response = await ctx.api('GET', `/api/v1/tickets?limit=100&${query}`, undefined, { token });
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body.items.length as number;
    };

    it('counts the built-in queues, one per department and the saved queues', async () => {
      const keys = (await countsOf(ctx.adminToken)).map((queue) => queue.key);
      assert.deepEqual(keys.slice(0, 8), [
        'open',
        'mine',
        'teams',
        'unassigned',
        'overdue',
        'waiting',
        'resolved',
        'closed',
      ]);
      assert.ok(keys.includes(`department:${departments.Support}`));
      assert.ok(keys.includes(`department:${departments['IT Operations']}`));
      assert.equal(keys.filter((key) => key.startsWith('queue:')).length, 1, 'only the shared queue');
    });

    it('matches what the ticket list shows for every queue, for an administrator', async () => {
      const counts = await countsOf(ctx.adminToken);
      for (const queue of counts) {
        assert.equal(queue.count, await listLength(queue.filters, ctx.adminToken), queue.key);
        assert.equal(queue.isCapped, false);
      }
      const byKey = Object.fromEntries(counts.map((queue) => [queue.key, queue.count]));
      assert.equal(byKey.waiting, 1);
      assert.equal(byKey.overdue, 1);
      assert.equal(byKey.resolved, 1);
      assert.equal(byKey.closed, 1);
    });

    it('matches the ticket list for an agent, with their visibility, teams and own queues', async () => {
      const counts = await countsOf(lee.token);
      for (const queue of counts) {
        assert.equal(queue.count, await listLength(queue.filters, lee.token), queue.key);
      }
      const byKey = Object.fromEntries(counts.map((queue) => [queue.key, queue.count]));
      assert.equal(byKey.mine, 2);
      assert.equal(byKey.teams, 1, 'the team ticket in another department');
      assert.equal(byKey.overdue, 0, 'the overdue ticket is in a department Lee does not see');
      assert.equal(byKey[`department:${departments['IT Operations']}`], undefined);
      const saved = counts.filter((queue) => queue.kind === 'saved').map((queue) => queue.count);
      assert.equal(saved.length, 2);
    });

    it('keeps another department’s tickets out of an agent’s counts', async () => {
      const counts = await countsOf(ops.token);
      for (const queue of counts) {
        assert.equal(queue.count, await listLength(queue.filters, ops.token), queue.key);
      }
      const byKey = Object.fromEntries(counts.map((queue) => [queue.key, queue.count]));
      assert.equal(byKey.resolved, 0);
      assert.equal(byKey.closed, 1);
      assert.equal(byKey.teams, 0, 'no teams, no tickets');
    });

    it('stops counting at the cap', async () => {
      assert.equal(await countTicketViews(ctx.deps.db, dialect, { visibility: 'all' }, 3), 3);
      assert.equal(
        await countTicketViews(ctx.deps.db, dialect, { visibility: 'all', states: ['closed'] }, 3),
        1,
      );
    });

    it('lists the tickets of the caller’s teams with teamId=mine', async () => {
      assert.equal(await listLength({ teamId: 'mine' }, lee.token), 1);
      assert.equal(await listLength({ teamId: 'mine' }, ops.token), 0);
    });
  });
}
