import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { type DatabaseHandle, openDatabase } from '../../src/db/dialects.ts';
import { DIALECTS, TEST_POSTGRES_URL } from '../support/dialects.ts';
import { createAgentWithToken } from '../support/factories.ts';
import { createTestContext, makeTestDeps, type TestContext } from '../support/test-app.ts';
import { type LiveServer, openEvents, startLiveServer } from './live-support.ts';

// Two app instances on two connection pools to one database stand for two web processes. On PostgreSQL
// the listening instance polls only once a minute, so an event arriving at once proves LISTEN/NOTIFY.
for (const dialect of DIALECTS) {
  describe(`live events across app instances [${dialect}]`, () => {
    let ctx: TestContext;
    let server: LiveServer;
    let second: { database: DatabaseHandle; app: FastifyInstance };
    let colleague: { agentId: number; token: string };

    before(async () => {
      ctx = await createTestContext(dialect);
      server = await startLiveServer(ctx.deps, { pollMs: dialect === 'postgres' ? 60_000 : 50 });
      const database =
        dialect === 'postgres'
          ? openDatabase(TEST_POSTGRES_URL, { schema: ctx.database.schema ?? undefined, poolSize: 2 })
          : openDatabase(ctx.database.url);
      const app = await buildApp({
        deps: makeTestDeps(database, { clock: ctx.clock }),
        logger: false,
        bodyLimitBytes: 1024 * 1024,
        publicUrl: 'http://tessera.test',
        webRoot: null,
      });
      second = { database, app };
      colleague = await createAgentWithToken(ctx, {
        email: 'sam@desk.example',
        department: 'Support',
        role: 'All access',
      });
    });
    after(async () => {
      await second.app.close();
      await second.database.close();
      await server.close();
      await ctx.close();
    });

    const callSecond = async (method: InjectOptions['method'], url: string, body: unknown, token: string) => {
      const response = await second.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
      return { status: response.statusCode, body: response.json() };
    };

    it('streams a ticket written through the other instance', async () => {
      const stream = await openEvents(server, ctx.adminToken);
      try {
        await stream.nextEvent('ready');
        const created = await callSecond(
          'POST',
          '/api/v1/tickets',
          { subject: 'Payroll export fails', body: 'Error 500.', requester: { email: 'kim@example.com' } },
          ctx.adminToken,
        );
        assert.equal(created.status, 201);
        await stream.next((m) => m.data.number === created.body.number && m.data.type === 'created', 3000);
      } finally {
        stream.close();
      }
    });

    it('streams presence set through the other instance', async () => {
      const created = await ctx.api('POST', '/api/v1/tickets', {
        subject: 'Badge reader offline',
        body: 'Door 3.',
        requester: { email: 'kim@example.com' },
      });
      const number = created.body.number as string;
      const stream = await openEvents(server, ctx.adminToken);
      try {
        await stream.nextEvent('ready');
        const marked = await callSecond(
          'PUT',
          `/api/v1/tickets/${number}/presence`,
          { state: 'replying' },
          colleague.token,
        );
        assert.equal(marked.status, 200);
        const presence = await stream.next((m) => m.event === 'presence' && m.data.number === number, 3000);
        assert.deepEqual(
          presence.data.agents.map((agent: { id: number; state: string }) => [agent.id, agent.state]),
          [[colleague.agentId, 'replying']],
        );
      } finally {
        stream.close();
      }
    });
  });
}
