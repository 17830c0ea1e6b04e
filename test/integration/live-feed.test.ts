import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { LiveFeed } from '../../src/live/live-feed.ts';
import { loadAgentActor } from '../../src/services/auth/load-agent-actor.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';
import { StreamClient } from './live-support.ts';

async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

for (const dialect of DIALECTS) {
  describe(`live feed [${dialect}]`, () => {
    let ctx: TestContext;
    let feed: LiveFeed;
    let server: Server;
    let url: string;

    before(async () => {
      ctx = await createTestContext(dialect);
      feed = new LiveFeed(ctx.deps, { pollMs: 20 });
      const actor = await loadAgentActor(ctx.deps, ctx.adminId);
      assert.ok(actor);
      server = createServer((_request, response) => {
        void feed.connect(response, actor, null, async () => actor);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(async () => {
      await feed.stop();
      await new Promise((resolve) => server.close(resolve));
      await ctx.close();
    });

    it('serves every stream of the process from one feed and forgets streams that hang up', async () => {
      const first = await StreamClient.open({ url }, '/', {});
      const second = await StreamClient.open({ url }, '/', {});
      await first.nextEvent('ready');
      await second.nextEvent('ready');
      assert.equal(feed.connectionCount, 2);
      first.close();
      second.close();
      await until(() => feed.connectionCount === 0);
    });

    it('starts again from the current position after everyone left', async () => {
      const early = await StreamClient.open({ url }, '/', {});
      const before = await early.nextEvent('ready');
      early.close();
      await until(() => feed.connectionCount === 0);
      const created = await ctx.api('POST', '/api/v1/tickets', {
        subject: 'Wi-Fi drops',
        body: 'Floor 2.',
        requester: { email: 'kim@example.com' },
      });
      const late = await StreamClient.open({ url }, '/', {});
      try {
        const ready = await late.nextEvent('ready');
        assert.notEqual(ready.id, before.id);
        await new Promise((resolve) => setTimeout(resolve, 100));
        assert.deepEqual(late.ticketEvents(created.body.number), [], 'nothing from before it connected');
      } finally {
        late.close();
      }
    });
  });
}
