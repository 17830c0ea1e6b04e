import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../support/dialects.ts';
import { createAgentWithToken } from '../support/factories.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestContext, type TestContext } from '../support/test-app.ts';
import { type LiveServer, openEvents, StreamClient, startLiveServer } from './live-support.ts';

for (const dialect of DIALECTS) {
  describe(`live events [${dialect}]`, () => {
    let ctx: TestContext;
    let server: LiveServer;
    let operations: { agentId: number; token: string };
    let departments: Record<string, number>;

    before(async () => {
      ctx = await createTestContext(dialect);
      server = await startLiveServer(ctx.deps, { heartbeatMs: 100 });
      operations = await createAgentWithToken(ctx, {
        email: 'ops@desk.example',
        department: 'IT Operations',
        role: 'All access',
      });
      const rows = await ctx.database.db.selectFrom('departments').select(['id', 'name']).execute();
      departments = Object.fromEntries(rows.map((row) => [row.name, row.id]));
    });
    after(async () => {
      await server.close();
      await ctx.close();
    });

    const open = async (department = 'Support') => {
      const response = await ctx.api('POST', '/api/v1/tickets', {
        subject: 'VPN drops every hour',
        body: 'Since the update.',
        requester: { email: 'kim@example.com' },
        departmentId: departments[department],
      });
      assert.equal(response.status, 201);
      return response.body.number as string;
    };

    it('starts the stream with event-stream headers and a ready event', async () => {
      const stream = await openEvents(server, ctx.adminToken);
      try {
        assert.equal(stream.status, 200);
        assert.match(String(stream.headers['content-type']), /^text\/event-stream/);
        assert.equal(stream.headers['x-accel-buffering'], 'no');
        assert.match(String(stream.headers['cache-control']), /no-cache/);
        const ready = await stream.nextEvent('ready');
        assert.match(ready.id ?? '', /^\d+-\d+$/);
        assert.equal(ready.data.cursor, ready.id);
      } finally {
        stream.close();
      }
    });

    it('streams a ticket event after a ticket is created through the API', async () => {
      const stream = await openEvents(server, ctx.adminToken);
      try {
        await stream.nextEvent('ready');
        const number = await open();
        const created = await stream.next(
          (m) => m.event === 'ticket' && m.data.number === number && m.data.type === 'created',
        );
        assert.equal(created.data.state, 'open');
        assert.equal(created.data.departmentId, departments.Support);
        assert.equal(created.data.actorId, ctx.adminId);
        assert.match(created.id ?? '', /^\d+-\d+$/);
        await stream.next((m) => m.data.number === number && m.data.type === 'message');
        await stream.nextEvent('counts');
      } finally {
        stream.close();
      }
    });

    it('streams replies and notes as thread entries', async () => {
      const number = await open();
      const stream = await openEvents(server, ctx.adminToken);
      try {
        await stream.nextEvent('ready');
        assert.equal(
          (await ctx.api('POST', `/api/v1/tickets/${number}/replies`, { body: 'Try again' })).status,
          201,
        );
        assert.equal(
          (await ctx.api('POST', `/api/v1/tickets/${number}/notes`, { body: 'Asked' })).status,
          201,
        );
        await stream.next((m) => m.data.number === number && m.data.type === 'reply');
        await stream.next((m) => m.data.number === number && m.data.type === 'note');
      } finally {
        stream.close();
      }
    });

    it('tells an agent nothing about tickets of departments they cannot see', async () => {
      const stream = await openEvents(server, operations.token);
      try {
        await stream.nextEvent('ready');
        const hidden = await open('Support');
        const visible = await open('IT Operations');
        await stream.next((m) => m.data.number === visible && m.data.type === 'created');
        await stream.next((m) => m.data.number === visible && m.data.type === 'message');
        assert.deepEqual(stream.ticketEvents(hidden), []);
      } finally {
        stream.close();
      }
    });

    it('tells an agent that a ticket left their department', async () => {
      const number = await open('IT Operations');
      const stream = await openEvents(server, operations.token);
      try {
        await stream.nextEvent('ready');
        const moved = await ctx.api('POST', `/api/v1/tickets/${number}/transfer`, {
          departmentId: departments.Support,
        });
        assert.equal(moved.status, 200);
        const transfer = await stream.next((m) => m.data.number === number && m.data.type === 'transferred');
        assert.equal(transfer.data.departmentId, departments.Support);
      } finally {
        stream.close();
      }
    });

    it('resumes after Last-Event-ID with what the client missed', async () => {
      const first = await openEvents(server, ctx.adminToken);
      const ready = await first.nextEvent('ready');
      first.close();
      const number = await open();
      await ctx.api('POST', `/api/v1/tickets/${number}/notes`, { body: 'While you were away' });
      const resumed = await openEvents(server, ctx.adminToken, {
        headers: { 'last-event-id': ready.id ?? '' },
      });
      try {
        const again = await resumed.nextEvent('ready');
        assert.equal(again.id, null, 'a resumed stream keeps the client cursor');
        await resumed.next((m) => m.data.number === number && m.data.type === 'created');
        await resumed.next((m) => m.data.number === number && m.data.type === 'note');
        const types = resumed.ticketEvents(number).map((m) => m.data.type);
        assert.equal(types.filter((type) => type === 'created').length, 1);
      } finally {
        resumed.close();
      }
    });

    it('resumes from ?since= as well', async () => {
      const first = await openEvents(server, ctx.adminToken);
      const ready = await first.nextEvent('ready');
      first.close();
      const number = await open();
      const resumed = await openEvents(server, ctx.adminToken, { query: `?since=${ready.id}` });
      try {
        await resumed.next((m) => m.data.number === number && m.data.type === 'created');
      } finally {
        resumed.close();
      }
    });

    it('sends a reset to a client whose Last-Event-ID cannot be read', async () => {
      const stream = await openEvents(server, ctx.adminToken, { headers: { 'last-event-id': 'garbage' } });
      try {
        assert.equal(stream.status, 200);
        const reset = await stream.nextEvent('reset');
        assert.match(reset.id ?? '', /^\d+-\d+$/);
      } finally {
        stream.close();
      }
    });

    it('rejects a malformed ?since= with 400', async () => {
      const response = await ctx.api('GET', '/api/v1/events?since=yesterday');
      assert.equal(response.status, 400);
    });

    it('sends heartbeats while nothing happens', async () => {
      const stream = await openEvents(server, ctx.adminToken);
      try {
        await stream.nextEvent('heartbeat', 2000);
      } finally {
        stream.close();
      }
    });

    it('accepts the session cookie of a signed-in agent', async () => {
      const login = await ctx.api(
        'POST',
        '/api/v1/auth/login',
        { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
        { token: null },
      );
      assert.equal(login.status, 200);
      const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
      const stream = await StreamClient.open(server, '/api/v1/events', { cookie });
      try {
        assert.equal(stream.status, 200);
        await stream.nextEvent('ready');
      } finally {
        stream.close();
      }
    });

    it('refuses a stream without credentials', async () => {
      const stream = await StreamClient.open(server, '/api/v1/events', {});
      await stream.ended;
      assert.equal(stream.status, 401);
    });
  });

  describe(`live event stream lifetime [${dialect}]`, () => {
    let ctx: TestContext;

    before(async () => {
      ctx = await createTestContext(dialect);
    });
    after(async () => ctx.close());

    it('ends open streams cleanly when the app closes', async () => {
      const server = await startLiveServer(ctx.deps);
      const stream = await openEvents(server, ctx.adminToken);
      await stream.nextEvent('ready');
      const started = Date.now();
      await server.close();
      await stream.ended;
      assert.ok(Date.now() - started < 2000, 'closing does not wait for the stream');
      assert.equal(stream.messages.at(-1)?.event === 'ticket', false);
    });

    it('tells a client that missed too much to reload', async () => {
      const server = await startLiveServer(ctx.deps, { batchSize: 2 });
      try {
        const first = await openEvents(server, ctx.adminToken);
        const ready = await first.nextEvent('ready');
        first.close();
        for (let i = 0; i < 3; i += 1) {
          const created = await ctx.api('POST', '/api/v1/tickets', {
            subject: `Printer ${i}`,
            body: 'Jammed.',
            requester: { email: 'kim@example.com' },
          });
          assert.equal(created.status, 201);
        }
        const resumed = await openEvents(server, ctx.adminToken, {
          headers: { 'last-event-id': ready.id ?? '' },
        });
        try {
          await resumed.nextEvent('reset');
        } finally {
          resumed.close();
        }
      } finally {
        await server.close();
      }
    });
  });
}
