import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findInboundMessage } from '../../src/db/repositories/inbound-messages.repository.ts';
import { listAttachmentsOfEntry, listEntries } from '../../src/db/repositories/thread.repository.ts';
import { findTicket } from '../../src/db/repositories/tickets.repository.ts';
import { ingestEmail } from '../../src/mail/inbound/ingest.ts';
import { composeMail, newMessageId, readMailFixture, withHeaders } from '../fixtures/mail/messages.ts';
import { DIALECTS } from '../support/dialects.ts';
import { runDueJobs } from '../support/jobs.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

for (const dialect of DIALECTS) {
  describe(`inbound mail: intake [${dialect}]`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(dialect);
    });
    after(async () => ctx.close());

    async function ticketOf(number: string | null) {
      assert.ok(number, 'a ticket number');
      const ticket = await findTicket(ctx.database.db, { number });
      assert.ok(ticket);
      return { ticket, entries: await listEntries(ctx.database.db, ticket.id) };
    }

    it('opens a ticket from a new message, with its source kept', async () => {
      const raw = readMailFixture('new-message.eml');
      const result = await ingestEmail(ctx.deps, raw, { channel: 'pipe' });
      assert.equal(result.outcome, 'created');
      const { ticket, entries } = await ticketOf(result.ticketNumber);
      assert.equal(ticket.subject, 'Printer on the third floor jams');
      assert.equal(ticket.source, 'email');
      assert.equal(entries.length, 1);
      const [entry] = entries;
      assert.equal(entry?.type, 'message');
      assert.equal(entry?.authorName, 'Pat Customer');
      assert.match(entry?.bodyText ?? '', /jams on every second page/);
      assert.equal(entry?.emailMessageId, '<20260105085958.GA1234@example.org>');
      assert.equal(entry?.emailMeta?.threadedBy, 'new-ticket');
      const headers = entry?.emailMeta?.headers as Record<string, string>;
      assert.equal(headers.From, 'Pat Customer <pat.customer@example.org>');
      assert.equal(headers.Subject, 'Printer on the third floor jams');
      const row = await findInboundMessage(ctx.database.db, result.inboundMessageId);
      assert.equal(row?.status, 'accepted');
      assert.equal(row?.ticketId, ticket.id);
      assert.equal(row?.entryId, entry?.id);
      assert.equal(row?.channel, 'pipe');
      const source = await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/inbound-messages/${result.inboundMessageId}/source`,
        headers: { authorization: `Bearer ${ctx.adminToken}` },
      });
      assert.equal(source.statusCode, 200);
      assert.equal(source.headers['content-type'], 'message/rfc822');
      assert.deepEqual(source.rawPayload, raw);
    });

    it('makes one entry of the same message delivered twice', async () => {
      const raw = composeMail({ from: 'twice@example.org', subject: 'Twice' });
      const first = await ingestEmail(ctx.deps, raw, { channel: 'pipe' });
      const again = withHeaders(raw, {
        Received: 'from relay.example.org by mx.tessera.test; Tue, 6 Jan 2026',
      });
      const second = await ingestEmail(ctx.deps, again, { channel: 'imap' });
      assert.equal(first.outcome, 'created');
      assert.equal(second.outcome, 'duplicate');
      assert.equal(second.ticketNumber, null);
      const { entries } = await ticketOf(first.ticketNumber);
      assert.equal(entries.length, 1);
      assert.equal((await findInboundMessage(ctx.database.db, second.inboundMessageId))?.status, 'duplicate');
    });

    it('makes one entry of the same message delivered twice at the same moment', async () => {
      const raw = composeMail({ from: 'race@example.org', subject: 'Race' });
      const results = await Promise.all([
        ingestEmail(ctx.deps, raw, { channel: 'pipe' }),
        ingestEmail(ctx.deps, withHeaders(raw, { 'Delivered-To': 'sales@tessera.test' }), {
          channel: 'pipe',
        }),
      ]);
      assert.deepEqual(results.map((r) => r.outcome).sort(), ['created', 'duplicate']);
      const created = results.find((r) => r.outcome === 'created');
      const { entries } = await ticketOf(created?.ticketNumber ?? null);
      assert.equal(entries.length, 1);
    });

    it('gives a message without Message-ID one made from its content, so a second delivery is a duplicate', async () => {
      const raw = readMailFixture('no-message-id.eml');
      const first = await ingestEmail(ctx.deps, raw, { channel: 'pipe' });
      const relayed = withHeaders(raw, {
        Received: 'from a.example by b.example; Tue, 6 Jan 2026 03:00:01 +0000',
      });
      const second = await ingestEmail(ctx.deps, relayed, { channel: 'imap' });
      assert.equal(first.outcome, 'created');
      assert.equal(second.outcome, 'duplicate');
      const row = await findInboundMessage(ctx.database.db, first.inboundMessageId);
      assert.match(row?.messageId ?? '', /^<[0-9a-f]{40}@synthetic\.tessera\.invalid>$/);
    });

    it('takes an HTML-only message in windows-1252 and sanitizes it', async () => {
      const result = await ingestEmail(ctx.deps, readMailFixture('html-only-windows-1252.eml'), {
        channel: 'pipe',
      });
      const { ticket, entries } = await ticketOf(result.ticketNumber);
      assert.equal(ticket.subject, 'Imprimante – erreur 42');
      const entry = entries[0];
      assert.equal(entry?.authorName, 'Françoise Léger');
      assert.match(entry?.bodyText ?? '', /l’imprimante affiche «\s?erreur 42\s?»/);
      assert.doesNotMatch(entry?.bodyHtml ?? '', /script|onclick|onerror|javascript:|<style/i);
    });

    it('decodes an ISO-2022-JP subject, sender name and body', async () => {
      const result = await ingestEmail(ctx.deps, readMailFixture('charset-iso-2022-jp.eml'), {
        channel: 'pipe',
      });
      const { ticket, entries } = await ticketOf(result.ticketNumber);
      assert.equal(ticket.subject, 'プリンターが動きません');
      assert.equal(entries[0]?.authorName, '山田太郎');
      assert.match(entries[0]?.bodyText ?? '', /お世話になっております。/);
    });

    it('keeps attachments and inline images, pointing the image at its stored file', async () => {
      const result = await ingestEmail(ctx.deps, readMailFixture('attachments-inline-image.eml'), {
        channel: 'pipe',
      });
      const { entries } = await ticketOf(result.ticketNumber);
      const entry = entries[0];
      assert.ok(entry);
      const attachments = await listAttachmentsOfEntry(ctx.database.db, entry.id);
      assert.deepEqual(
        attachments.map((a) => [a.filename, a.contentType]),
        [
          ['inline-1.png', 'image/png'],
          ['Rechnung März 2026.pdf', 'application/pdf'],
        ],
      );
      const image = attachments[0];
      assert.ok(
        entry.bodyHtml.includes(`src="http://tessera.test/api/v1/attachments/${image?.id}"`),
        entry.bodyHtml,
      );
      assert.doesNotMatch(entry.bodyHtml, /cid:/);
      const download = await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/attachments/${attachments[1]?.id}`,
        headers: { authorization: `Bearer ${ctx.adminToken}` },
      });
      assert.equal(download.statusCode, 200);
      assert.match(download.body, /^%PDF-1\.4/);
    });

    it('answers a new message with an auto-response, but never an auto-reply', async () => {
      const normal = await ingestEmail(ctx.deps, composeMail({ from: 'human@example.org' }), {
        channel: 'pipe',
      });
      const automatic = await ingestEmail(
        ctx.deps,
        composeMail({ from: 'robot@example.org', headers: { 'Auto-Submitted': 'auto-replied' } }),
        { channel: 'pipe' },
      );
      await runDueJobs(ctx.deps);
      const responses = async (number: string | null) => {
        const { ticket, entries } = await ticketOf(number);
        const rows = await ctx.database.db
          .selectFrom('outbound_messages')
          .select('kind')
          .where('ticket_id', '=', ticket.id)
          .where('kind', '=', 'auto_response')
          .execute();
        return { count: rows.length, meta: entries[0]?.emailMeta };
      };
      assert.equal((await responses(normal.ticketNumber)).count, 1);
      const auto = await responses(automatic.ticketNumber);
      assert.equal(auto.count, 0);
      assert.equal(auto.meta?.autoReply, true);
      assert.equal(automatic.reason, 'auto_reply');
    });

    it('ignores mail from its own address', async () => {
      const result = await ingestEmail(
        ctx.deps,
        composeMail({ from: 'Tessera Support <support@tessera.test>', subject: 'Loop' }),
        { channel: 'pipe' },
      );
      assert.equal(result.outcome, 'ignored');
      assert.equal(result.reason, 'loop_own_address');
      assert.equal((await findInboundMessage(ctx.database.db, result.inboundMessageId))?.status, 'ignored');
    });

    it('refuses empty input, and quarantines what is not a message at all', async () => {
      await assert.rejects(ingestEmail(ctx.deps, Buffer.from(''), { channel: 'imap' }), {
        code: 'validation_failed',
      });
      const words = await ingestEmail(ctx.deps, Buffer.from('just some words\n'), { channel: 'imap' });
      assert.equal(words.outcome, 'quarantined');
      assert.match(words.reason ?? '', /^not_a_message/);
    });

    it('records every message, whatever became of it', async () => {
      const id = newMessageId();
      const result = await ingestEmail(ctx.deps, composeMail({ from: 'count@example.org', messageId: id }), {
        channel: 'smtp',
        recipients: ['Support@Tessera.test'],
      });
      const row = await findInboundMessage(ctx.database.db, result.inboundMessageId);
      assert.equal(row?.messageId, id);
      assert.equal(row?.fromAddress, 'count@example.org');
      assert.deepEqual(row?.recipients, ['support@tessera.test']);
      assert.equal(row?.attempts, 1);
    });
  });
}
