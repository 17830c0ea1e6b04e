import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findMailbox, listActiveImapMailboxes } from '../../src/db/repositories/mailboxes.repository.ts';
import { findTicket } from '../../src/db/repositories/tickets.repository.ts';
import { ingestEmail } from '../../src/mail/inbound/ingest.ts';
import { readImapPassword } from '../../src/services/mailboxes/mailbox-secret.ts';
import { composeMail } from '../fixtures/mail/messages.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createAgentWithToken } from '../support/factories.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

const IMAP = {
  imapHost: 'imap.example.org',
  imapPort: 993,
  imapSecurity: 'tls',
  imapUsername: 'helpdesk',
  imapPassword: 's3cret imap password',
};

for (const dialect of DIALECTS) {
  describe(`inbound mail: mailboxes [${dialect}]`, () => {
    let ctx: TestContext;
    let operationsId: number;
    let accessTopicId: number;
    let highId: number;
    before(async () => {
      ctx = await createTestContext(dialect);
      const db = ctx.database.db;
      operationsId = (
        await db
          .selectFrom('departments')
          .select('id')
          .where('name', '=', 'IT Operations')
          .executeTakeFirstOrThrow()
      ).id;
      accessTopicId = (
        await db
          .selectFrom('help_topics')
          .select('id')
          .where('name', '=', 'Access issue')
          .executeTakeFirstOrThrow()
      ).id;
      highId = (
        await db.selectFrom('priorities').select('id').where('key', '=', 'high').executeTakeFirstOrThrow()
      ).id;
    });
    after(async () => ctx.close());

    it('creates an IMAP mailbox, keeping its password encrypted and never returning it', async () => {
      const created = await ctx.api('POST', '/api/v1/mailboxes', {
        name: 'Helpdesk',
        address: 'HelpDesk@Tessera.test',
        departmentId: operationsId,
        ...IMAP,
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.address, 'helpdesk@tessera.test');
      assert.equal(created.body.hasPassword, true);
      assert.equal(created.body.imapFolder, 'INBOX');
      assert.equal(created.body.afterImport, 'seen');
      assert.ok(!JSON.stringify(created.body).includes('s3cret'));
      assert.ok(!('imapPassword' in created.body) && !('imapPasswordEnc' in created.body));

      const stored = await findMailbox(ctx.database.db, created.body.id);
      assert.ok(stored?.imapPasswordEnc && !stored.imapPasswordEnc.includes('s3cret'));
      assert.equal(readImapPassword(ctx.deps, stored), 's3cret imap password');
      assert.deepEqual(
        (await listActiveImapMailboxes(ctx.database.db)).map((mailbox) => mailbox.id),
        [created.body.id],
      );
      const listed = await ctx.api('GET', '/api/v1/mailboxes');
      assert.ok(!JSON.stringify(listed.body).includes('s3cret'));
    });

    it('changes a mailbox, keeping the password unless a new one (or null) is sent', async () => {
      const created = await ctx.api('POST', '/api/v1/mailboxes', {
        name: 'Sales',
        address: 'sales@tessera.test',
        ...IMAP,
      });
      const url = `/api/v1/mailboxes/${created.body.id}`;
      const renamed = await ctx.api('PATCH', url, {
        name: 'Sales team',
        afterImport: 'move',
        archiveFolder: 'Done',
      });
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
      assert.deepEqual([renamed.body.name, renamed.body.hasPassword], ['Sales team', true]);
      const stored = await findMailbox(ctx.database.db, created.body.id);
      assert.equal(readImapPassword(ctx.deps, stored ?? { imapPasswordEnc: null }), 's3cret imap password');
      const cleared = await ctx.api('PATCH', url, { imapHost: null, imapPassword: null });
      assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
      assert.equal(cleared.body.hasPassword, false);
    });

    it('rejects bad connection settings with a 400 naming the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ imapHost: 'imaps://imap.example.org' }, 'imapHost'],
        [{ imapPort: 70000 }, 'imapPort'],
        [{ imapSecurity: 'ssl' }, 'imapSecurity'],
        [{ afterImport: 'archive' }, 'afterImport'],
        [{ afterImport: 'move' }, 'archiveFolder'],
        [{ imapPassword: undefined }, 'imapPassword'],
        [{ address: 'not-an-address' }, 'address'],
      ];
      for (const [change, field] of cases) {
        const body = { name: 'Bad', address: 'bad@tessera.test', ...IMAP, ...change };
        const answer = await ctx.api('POST', '/api/v1/mailboxes', body);
        assert.equal(answer.status, 400, `${field}: ${JSON.stringify(answer.body)}`);
        assert.match(JSON.stringify(answer.body.error), new RegExp(field), field);
      }
    });

    it('answers 409 for an address another mailbox has and 422 for an unknown department', async () => {
      const taken = await ctx.api('POST', '/api/v1/mailboxes', {
        name: 'Again',
        address: 'SALES@tessera.test',
      });
      assert.equal(taken.status, 409);
      assert.equal(taken.body.error.code, 'already_exists');
      const unknown = await ctx.api('POST', '/api/v1/mailboxes', {
        name: 'Nowhere',
        address: 'nowhere@tessera.test',
        departmentId: 99999,
      });
      assert.equal(unknown.status, 422);
      assert.equal(unknown.body.error.code, 'unknown_reference');
    });

    it('lets only administrators see or change mailboxes', async () => {
      const { token } = await createAgentWithToken(ctx, {
        email: 'mb.agent@tessera.test',
        department: 'Support',
        role: 'All access',
      });
      assert.equal((await ctx.api('GET', '/api/v1/mailboxes', undefined, { token })).status, 403);
      const body = { name: 'X', address: 'x@tessera.test' };
      assert.equal((await ctx.api('POST', '/api/v1/mailboxes', body, { token })).status, 403);
    });

    it('routes a new ticket by the receiving address to the mailbox department, topic and priority', async () => {
      const created = await ctx.api('POST', '/api/v1/mailboxes', {
        name: 'Access',
        address: 'access@tessera.test',
        departmentId: operationsId,
        topicId: accessTopicId,
        priorityId: highId,
      });
      assert.equal(created.status, 201);
      const byTo = await ingestEmail(
        ctx.deps,
        composeMail({ from: 'a@example.org', to: 'access@tessera.test' }),
        {
          channel: 'pipe',
        },
      );
      const ticket = await findTicket(ctx.database.db, { number: byTo.ticketNumber ?? '' });
      assert.deepEqual(
        [ticket?.departmentId, ticket?.topicId, ticket?.priorityId],
        [operationsId, accessTopicId, highId],
      );
      const inbound = await ctx.api('GET', `/api/v1/inbound-messages/${byTo.inboundMessageId}`);
      assert.equal(inbound.body.mailboxId, created.body.id);
    });

    it('routes by the mailbox the door names, and by Delivered-To', async () => {
      const mailbox = await ctx.api('POST', '/api/v1/mailboxes', {
        name: 'Ops',
        address: 'ops@tessera.test',
        departmentId: operationsId,
      });
      const named = await ingestEmail(
        ctx.deps,
        composeMail({ from: 'b@example.org', to: 'list@example.org' }),
        {
          channel: 'imap',
          mailboxId: mailbox.body.id,
        },
      );
      assert.equal(
        (await findTicket(ctx.database.db, { number: named.ticketNumber ?? '' }))?.departmentId,
        operationsId,
      );
      const delivered = await ingestEmail(
        ctx.deps,
        composeMail({
          from: 'c@example.org',
          to: 'list@example.org',
          headers: { 'Delivered-To': 'ops@tessera.test' },
        }),
        { channel: 'pipe' },
      );
      assert.equal(
        (await findTicket(ctx.database.db, { number: delivered.ticketNumber ?? '' }))?.departmentId,
        operationsId,
      );
    });

    it('falls back to the defaults when a mailbox routes to an inactive department', async () => {
      const mailbox = await ctx.api('POST', '/api/v1/mailboxes', {
        name: 'Old',
        address: 'old@tessera.test',
        departmentId: operationsId,
      });
      await ctx.database.db
        .updateTable('departments')
        .set({ is_active: 0 })
        .where('id', '=', operationsId)
        .execute();
      try {
        const result = await ingestEmail(
          ctx.deps,
          composeMail({ from: 'd@example.org', to: 'old@tessera.test' }),
          {
            channel: 'pipe',
            mailboxId: mailbox.body.id,
          },
        );
        assert.equal(result.outcome, 'created');
        const ticket = await findTicket(ctx.database.db, { number: result.ticketNumber ?? '' });
        assert.notEqual(ticket?.departmentId, operationsId);
      } finally {
        await ctx.database.db
          .updateTable('departments')
          .set({ is_active: 1 })
          .where('id', '=', operationsId)
          .execute();
      }
    });

    it('deletes a mailbox; mail it received stays, unlinked', async () => {
      const mailbox = await ctx.api('POST', '/api/v1/mailboxes', {
        name: 'Temp',
        address: 'temp@tessera.test',
      });
      const result = await ingestEmail(
        ctx.deps,
        composeMail({ from: 'e@example.org', to: 'temp@tessera.test' }),
        {
          channel: 'pipe',
        },
      );
      assert.equal((await ctx.api('DELETE', `/api/v1/mailboxes/${mailbox.body.id}`)).status, 204);
      assert.equal((await ctx.api('GET', `/api/v1/mailboxes/${mailbox.body.id}`)).status, 404);
      const inbound = await ctx.api('GET', `/api/v1/inbound-messages/${result.inboundMessageId}`);
      assert.equal(inbound.body.mailboxId, null);
    });
  });
}
