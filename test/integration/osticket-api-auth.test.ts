import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';
import { countTickets, expectCreated, issueKey, postTicket } from './osticket-api-support.ts';

const TICKET = JSON.stringify({ email: 'k@example.com', subject: 'Key check', message: 'hello' });

for (const dialect of DIALECTS) {
  describe(`osTicket API: X-API-Key [${dialect}]`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(dialect);
    });
    after(async () => ctx.close());

    it('answers 401 without a key, with an unknown key, and with a REST API token', async () => {
      const before = await countTickets(ctx);
      for (const key of [null, '0123456789ABCDEF0123456789ABCDEF', ctx.adminToken]) {
        const response = await postTicket(ctx, 'json', TICKET, { key });
        assert.equal(response.status, 401);
        assert.match(response.contentType, /^text\/plain/);
        assert.equal(response.text, 'Valid API key required');
      }
      assert.equal(await countTickets(ctx), before);
    });

    it('checks the key before reading the body', async () => {
      const response = await postTicket(ctx, 'xml', 'not even XML', { key: 'wrong' });
      assert.equal(response.status, 401);
    });

    it('answers 401 to an inactive key', async () => {
      const key = await issueKey(ctx, { isActive: false });
      const response = await postTicket(ctx, 'json', TICKET, { key });
      assert.equal(response.status, 401);
      assert.equal(response.text, 'API key not found/active or source IP/hostname not authorized');
    });

    it('answers 401 to a key used from an address it is not bound to', async () => {
      const key = await issueKey(ctx, { ipAddresses: ['192.0.2.10', '10.8.0.0/16'] });
      for (const remoteAddress of ['192.0.2.11', '10.9.0.1', '2001:db8::1']) {
        const response = await postTicket(ctx, 'json', TICKET, { key, remoteAddress });
        assert.equal(response.status, 401, remoteAddress);
        assert.equal(response.text, 'API key not found/active or source IP/hostname not authorized');
      }
    });

    it('accepts a bound key from its addresses, IPv4-mapped ones included', async () => {
      const key = await issueKey(ctx, { ipAddresses: ['192.0.2.10', '10.8.0.0/16'] });
      for (const remoteAddress of ['192.0.2.10', '10.8.44.3', '::ffff:192.0.2.10']) {
        expectCreated(await postTicket(ctx, 'json', TICKET, { key, remoteAddress }));
      }
    });

    it('answers 401 "API key not authorized" to a key without the ticket permission', async () => {
      const key = await issueKey(ctx, { canCreateTickets: false });
      for (const format of ['json', 'xml', 'email'] as const) {
        const response = await postTicket(ctx, format, TICKET, { key });
        assert.equal(response.status, 401);
        assert.equal(response.text, 'API key not authorized');
      }
    });

    it('accepts a key in lower case, as osTicket did', async () => {
      const key = await issueKey(ctx);
      expectCreated(await postTicket(ctx, 'json', TICKET, { key: key.toLowerCase() }));
    });

    it("records when a key was last used and opens tickets as the key's system actor", async () => {
      const key = await issueKey(ctx, { name: 'monitoring' });
      const number = expectCreated(await postTicket(ctx, 'json', TICKET, { key }));
      const row = await ctx.database.db
        .selectFrom('api_keys')
        .select('last_used_at')
        .where('name', '=', 'monitoring')
        .executeTakeFirstOrThrow();
      assert.equal(row.last_used_at, ctx.clock.now());
      const thread = await ctx.api('GET', `/api/v1/tickets/${number}/thread`);
      const created = thread.body.items.find((item: { event?: string }) => item.event === 'created');
      assert.equal(created.actor.type, 'system');
    });
  });
}
