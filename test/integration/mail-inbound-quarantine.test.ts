import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findInboundMessage } from '../../src/db/repositories/inbound-messages.repository.ts';
import { ingestEmail } from '../../src/mail/inbound/ingest.ts';
import { composeMail, readMailFixture } from '../fixtures/mail/messages.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createAgentWithToken } from '../support/factories.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

for (const dialect of DIALECTS) {
  describe(`inbound mail: quarantine [${dialect}]`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(dialect);
    });
    after(async () => ctx.close());

    async function setDepartmentsActive(isActive: boolean) {
      await ctx.database.db
        .updateTable('departments')
        .set({ is_active: isActive ? 1 : 0 })
        .execute();
    }

    it('quarantines a message without a usable From, with its headers and source', async () => {
      const raw = readMailFixture('no-from.eml');
      const result = await ingestEmail(ctx.deps, raw, { channel: 'pipe' });
      assert.equal(result.outcome, 'quarantined');
      assert.match(result.reason ?? '', /^no_sender: /);

      const list = await ctx.api('GET', '/api/v1/inbound-messages?status=quarantined');
      assert.equal(list.status, 200);
      assert.ok(list.body.items.some((item: { id: number }) => item.id === result.inboundMessageId));

      const detail = await ctx.api('GET', `/api/v1/inbound-messages/${result.inboundMessageId}`);
      assert.equal(detail.status, 200);
      assert.equal(detail.body.status, 'quarantined');
      assert.equal(detail.body.messageId, '<no-from.1@broken.example>');
      assert.deepEqual(
        detail.body.headers.find((header: { name: string }) => header.name === 'Subject'),
        { name: 'Subject', value: 'Who sent this?' },
      );

      const source = await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/inbound-messages/${result.inboundMessageId}/source`,
        headers: { authorization: `Bearer ${ctx.adminToken}` },
      });
      assert.equal(source.statusCode, 200);
      assert.equal(source.headers['content-type'], 'message/rfc822');
      assert.equal(source.headers['x-content-type-options'], 'nosniff');
      assert.match(
        String(source.headers['content-disposition']),
        /^attachment; filename="inbound-\d+\.eml"$/,
      );
      assert.deepEqual(source.rawPayload, raw);
    });

    it('quarantines a message the MIME parser rejects', async () => {
      const raw = composeMail({ from: 'huge@example.org', headers: { 'X-Junk': 'a'.repeat(1_100_000) } });
      const result = await ingestEmail(ctx.deps, raw, { channel: 'pipe' });
      assert.equal(result.outcome, 'quarantined');
      assert.match(result.reason ?? '', /^unparseable: /);
    });

    it('retries a quarantined message once the cause is fixed', async () => {
      await setDepartmentsActive(false);
      let result: Awaited<ReturnType<typeof ingestEmail>>;
      try {
        result = await ingestEmail(ctx.deps, composeMail({ from: 'early@example.org' }), { channel: 'pipe' });
      } finally {
        await setDepartmentsActive(true);
      }
      assert.equal(result.outcome, 'quarantined');
      assert.match(result.reason ?? '', /^rejected: /);

      const retried = await ctx.api('POST', `/api/v1/inbound-messages/${result.inboundMessageId}/retry`);
      assert.equal(retried.status, 200, JSON.stringify(retried.body));
      assert.equal(retried.body.outcome, 'created');
      assert.equal(retried.body.message.status, 'accepted');
      assert.equal(retried.body.message.attempts, 2);
      assert.match(retried.body.message.ticketNumber, /^\d+$/);
    });

    it('retries a message that is still broken, leaving it in quarantine', async () => {
      const result = await ingestEmail(ctx.deps, readMailFixture('no-from.eml'), { channel: 'pipe' });
      const retried = await ctx.api('POST', `/api/v1/inbound-messages/${result.inboundMessageId}/retry`);
      assert.equal(retried.status, 200);
      assert.deepEqual([retried.body.outcome, retried.body.message.status], ['quarantined', 'quarantined']);
      assert.equal(retried.body.message.attempts, 2);
    });

    it('discards a quarantined message and then neither retries nor discards it again', async () => {
      const result = await ingestEmail(ctx.deps, readMailFixture('no-from.eml'), { channel: 'pipe' });
      const url = `/api/v1/inbound-messages/${result.inboundMessageId}`;
      const discarded = await ctx.api('POST', `${url}/discard`);
      assert.equal(discarded.status, 200);
      assert.equal(discarded.body.status, 'discarded');
      const retry = await ctx.api('POST', `${url}/retry`);
      assert.equal(retry.status, 409);
      assert.equal(retry.body.error.code, 'invalid_transition');
      assert.equal((await ctx.api('POST', `${url}/discard`)).status, 409);
      assert.equal((await ctx.api('GET', `${url}/source`)).status, 200, 'the source is kept');
    });

    it('refuses to retry or discard an accepted message', async () => {
      const result = await ingestEmail(ctx.deps, composeMail({ from: 'fine@example.org' }), {
        channel: 'pipe',
      });
      const url = `/api/v1/inbound-messages/${result.inboundMessageId}`;
      assert.equal((await ctx.api('POST', `${url}/retry`)).status, 409);
      assert.equal((await ctx.api('POST', `${url}/discard`)).status, 409);
      assert.equal((await findInboundMessage(ctx.database.db, result.inboundMessageId))?.status, 'accepted');
    });

    it('pages through received mail newest first', async () => {
      const first = await ctx.api('GET', '/api/v1/inbound-messages?limit=2');
      assert.equal(first.body.items.length, 2);
      assert.ok(first.body.items[0].id > first.body.items[1].id);
      assert.ok(first.body.nextCursor);
      const second = await ctx.api('GET', `/api/v1/inbound-messages?limit=2&cursor=${first.body.nextCursor}`);
      assert.ok(second.body.items[0].id < first.body.items[1].id);
    });

    it('answers 404 for a message that does not exist and 400 for a bad status filter', async () => {
      assert.equal((await ctx.api('GET', '/api/v1/inbound-messages/999999')).status, 404);
      assert.equal((await ctx.api('POST', '/api/v1/inbound-messages/999999/retry')).status, 404);
      assert.equal((await ctx.api('GET', '/api/v1/inbound-messages?status=lost')).status, 400);
    });

    it('shows received mail to administrators only', async () => {
      const { token } = await createAgentWithToken(ctx, {
        email: 'plain.agent@tessera.test',
        department: 'Support',
        role: 'All access',
      });
      assert.equal((await ctx.api('GET', '/api/v1/inbound-messages', undefined, { token })).status, 403);
      assert.equal(
        (await ctx.api('GET', '/api/v1/inbound-messages/1/source', undefined, { token })).status,
        403,
      );
      assert.equal(
        (await ctx.api('POST', '/api/v1/inbound-messages/1/retry', undefined, { token })).status,
        403,
      );
      assert.equal(
        (await ctx.api('GET', '/api/v1/inbound-messages', undefined, { token: null })).status,
        401,
      );
    });
  });
}
