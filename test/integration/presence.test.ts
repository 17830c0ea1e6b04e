import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { purgeExpiredPresence } from '../../src/services/presence/presence.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createAgentWithToken } from '../support/factories.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';
import { type LiveServer, openEvents, startLiveServer } from './live-support.ts';

for (const dialect of DIALECTS) {
  describe(`ticket presence [${dialect}]`, () => {
    let ctx: TestContext;
    let server: LiveServer;
    let lee: { agentId: number; token: string };
    let ops: { agentId: number; token: string };

    before(async () => {
      ctx = await createTestContext(dialect);
      server = await startLiveServer(ctx.deps);
      lee = await createAgentWithToken(ctx, {
        email: 'lee@desk.example',
        department: 'Support',
        role: 'All access',
      });
      ops = await createAgentWithToken(ctx, {
        email: 'ops@desk.example',
        department: 'IT Operations',
        role: 'All access',
      });
    });
    after(async () => {
      await server.close();
      await ctx.close();
    });

    const open = async () => {
      const response = await ctx.api('POST', '/api/v1/tickets', {
        subject: 'Shared drive is read-only',
        body: 'Since this morning.',
        requester: { email: 'kim@example.com' },
      });
      assert.equal(response.status, 201);
      return response.body.number as string;
    };
    const presence = (number: string) => `/api/v1/tickets/${number}/presence`;

    it('lists the other agents on a ticket, not the caller', async () => {
      const number = await open();
      const first = await ctx.api('PUT', presence(number), { state: 'viewing' });
      assert.equal(first.status, 200);
      assert.deepEqual(first.body.items, []);
      const second = await ctx.api('PUT', presence(number), { state: 'replying' }, { token: lee.token });
      assert.deepEqual(
        second.body.items.map((item: { agent: { id: number }; state: string }) => [
          item.agent.id,
          item.state,
        ]),
        [[ctx.adminId, 'viewing']],
      );
      const listed = await ctx.api('GET', presence(number));
      assert.equal(listed.status, 200);
      assert.deepEqual(
        listed.body.items.map((item: { agent: { id: number }; state: string }) => [
          item.agent.id,
          item.state,
        ]),
        [[lee.agentId, 'replying']],
      );
    });

    it('keeps one row per agent, updating its state and keeping its start on refresh', async () => {
      const number = await open();
      await ctx.api('PUT', presence(number), { state: 'viewing' }, { token: lee.token });
      const firstSeen = (await ctx.api('GET', presence(number))).body.items[0];
      ctx.clock.advance(20_000);
      await ctx.api('PUT', presence(number), { state: 'viewing' }, { token: lee.token });
      const refreshed = (await ctx.api('GET', presence(number))).body.items;
      assert.equal(refreshed.length, 1);
      assert.equal(refreshed[0].since, firstSeen.since);
      assert.ok(Date.parse(refreshed[0].expiresAt) > Date.parse(firstSeen.expiresAt));
      ctx.clock.advance(1000);
      await ctx.api('PUT', presence(number), { state: 'replying' }, { token: lee.token });
      const replying = (await ctx.api('GET', presence(number))).body.items;
      assert.equal(replying.length, 1);
      assert.equal(replying[0].state, 'replying');
      assert.notEqual(replying[0].since, firstSeen.since);
    });

    it('forgets an agent who stops refreshing after 60 seconds', async () => {
      const number = await open();
      await ctx.api('PUT', presence(number), { state: 'viewing' }, { token: lee.token });
      ctx.clock.advance(59_000);
      assert.equal((await ctx.api('GET', presence(number))).body.items.length, 1);
      ctx.clock.advance(1000);
      assert.deepEqual((await ctx.api('GET', presence(number))).body.items, []);
    });

    it('forgets an agent who leaves', async () => {
      const number = await open();
      await ctx.api('PUT', presence(number), { state: 'viewing' }, { token: lee.token });
      const left = await ctx.api('DELETE', presence(number), undefined, { token: lee.token });
      assert.equal(left.status, 204);
      assert.deepEqual((await ctx.api('GET', presence(number))).body.items, []);
    });

    it('purges expired rows', async () => {
      const number = await open();
      await ctx.api('PUT', presence(number), { state: 'viewing' }, { token: lee.token });
      ctx.clock.advance(61_000);
      assert.ok((await purgeExpiredPresence(ctx.deps)) >= 1);
      const rows = await ctx.database.db.selectFrom('ticket_presence').selectAll().execute();
      assert.ok(rows.every((row) => row.expires_at > ctx.clock.now()));
    });

    it('answers 404 for a ticket the agent cannot see, and 400 for an unknown state', async () => {
      const number = await open();
      assert.equal(
        (await ctx.api('PUT', presence(number), { state: 'viewing' }, { token: ops.token })).status,
        404,
      );
      assert.equal((await ctx.api('GET', presence(number), undefined, { token: ops.token })).status, 404);
      assert.equal((await ctx.api('PUT', presence(number), { state: 'typing' })).status, 400);
      assert.equal((await ctx.api('PUT', presence('NOPE-1'), { state: 'viewing' })).status, 404);
    });

    it('streams presence changes to agents who see the ticket, without themselves', async () => {
      const number = await open();
      const admin = await openEvents(server, ctx.adminToken);
      const outsider = await openEvents(server, ops.token);
      try {
        await admin.nextEvent('ready');
        await outsider.nextEvent('ready');
        await ctx.api('PUT', presence(number), { state: 'viewing' });
        await ctx.api('PUT', presence(number), { state: 'replying' }, { token: lee.token });
        const seen = await admin.next(
          (m) => m.event === 'presence' && m.data.number === number && m.data.agents.length === 1,
        );
        assert.deepEqual(
          seen.data.agents.map((agent: { id: number; state: string }) => [agent.id, agent.state]),
          [[lee.agentId, 'replying']],
        );
        const before = admin.messages.length;
        await ctx.api('DELETE', presence(number), undefined, { token: lee.token });
        await admin.next(
          (m) => m.event === 'presence' && m.data.number === number && m.data.agents.length === 0,
          5000,
          before,
        );
        assert.deepEqual(
          outsider.messages.filter((m) => m.event === 'presence'),
          [],
        );
      } finally {
        admin.close();
        outsider.close();
      }
    });
  });
}
