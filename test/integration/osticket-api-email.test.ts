import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';
import { countTickets, expectCreated, issueKey, postTicket, readTicket } from './osticket-api-support.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/mail/${name}`, import.meta.url));

function message(id: string, subject: string, body: string, headers: Record<string, string> = {}): string {
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return [
    'From: Pat Customer <pat.customer@example.org>\r\n',
    'To: support@tessera.test\r\n',
    `Subject: ${subject}\r\n`,
    'Date: Mon, 5 Jan 2026 11:00:00 +0100\r\n',
    `Message-ID: ${id}\r\n`,
    ...extra,
    'Content-Type: text/plain; charset=utf-8\r\n\r\n',
    `${body}\r\n`,
  ].join('');
}

for (const dialect of DIALECTS) {
  describe(`osTicket API: tickets.email [${dialect}]`, () => {
    let ctx: TestContext;
    let key: string;
    before(async () => {
      ctx = await createTestContext(dialect);
      key = await issueKey(ctx, { name: 'automail' });
    });
    after(async () => ctx.close());

    it("opens a ticket from a raw message posted as osTicket's automail.php posts it", async () => {
      // automail.php hands the message to PHP curl as a string, which sends it as form data.
      const response = await postTicket(ctx, 'email', fixture('new-message.eml'), {
        key,
        contentType: 'application/x-www-form-urlencoded',
      });
      const { ticket, message } = await readTicket(ctx, expectCreated(response));
      assert.equal(ticket.subject, 'Printer on the third floor jams');
      assert.equal(ticket.source, 'email');
      assert.equal(ticket.requester.email, 'pat.customer@example.org');
      assert.match(message.bodyText, /jams on every second page/);
    });

    it('adds a reply to its ticket and answers with that ticket number', async () => {
      const original = message('<paper.1@example.org>', 'Paper tray 2 is empty', 'Please refill it.');
      const first = expectCreated(await postTicket(ctx, 'email', original, { key }));
      const before = await countTickets(ctx);
      const reply = message('<paper.2@example.org>', 'Re: Paper tray 2 is empty', 'Tray 3 as well.', {
        'In-Reply-To': '<paper.1@example.org>',
      });
      // automail.pl sends text/plain.
      const number = expectCreated(await postTicket(ctx, 'email', reply, { key, contentType: 'text/plain' }));
      assert.equal(number, first);
      assert.equal(await countTickets(ctx), before);
      const thread = await ctx.api('GET', `/api/v1/tickets/${number}/thread`);
      assert.ok(thread.body.items.some((item: { bodyText?: string }) => item.bodyText?.includes('Tray 3')));
    });

    it('keeps MIME attachments with their names, types and bytes', async () => {
      const number = expectCreated(
        await postTicket(ctx, 'email', fixture('attachments-inline-image.eml'), { key }),
      );
      const { files } = await readTicket(ctx, number);
      const pdf = files.find((file) => file.contentType === 'application/pdf');
      assert.ok(pdf, JSON.stringify(files.map((file) => file.filename)));
      assert.equal(pdf.filename, 'Rechnung März 2026.pdf');
      assert.match(pdf.bytes.toString('latin1'), /^%PDF-1\.4/);
    });

    it('answers 201 and opens nothing for the same message twice', async () => {
      const raw = fixture('thunderbird-reply.eml');
      expectCreated(await postTicket(ctx, 'email', raw, { key }));
      const before = await countTickets(ctx);
      const again = await postTicket(ctx, 'email', raw, { key });
      assert.equal(again.status, 201, again.text);
      assert.equal(await countTickets(ctx), before);
    });

    it('answers 201 to a bounce it ignores, so the mail server neither bounces nor retries it', async () => {
      const before = await countTickets(ctx);
      const response = await postTicket(ctx, 'email', fixture('bounce-dsn.eml'), { key });
      assert.equal(response.status, 201, response.text);
      assert.equal(await countTickets(ctx), before);
    });

    it('answers 400 "Unable to parse email" to an unusable message and keeps it in quarantine', async () => {
      const quarantined = async () =>
        ctx.database.db
          .selectFrom('inbound_messages')
          .select(['raw_size', 'reason'])
          .where('channel', '=', 'api')
          .where('status', '=', 'quarantined')
          .execute();
      const before = (await quarantined()).length;
      const raw = fixture('no-from.eml');
      const response = await postTicket(ctx, 'email', raw, { key });
      assert.equal(response.status, 400);
      assert.equal(response.text, 'Unable to parse email');
      const kept = await quarantined();
      assert.equal(kept.length, before + 1);
      assert.equal(kept.at(-1)?.raw_size, raw.length);
    });

    it('answers 400 to a body that is not an email at all, and to an empty one', async () => {
      assert.equal((await postTicket(ctx, 'email', 'just some words', { key })).status, 400);
      assert.equal((await postTicket(ctx, 'email', '', { key })).status, 400);
    });

    it('answers 415 to JSON sent to the email endpoint', async () => {
      const response = await postTicket(ctx, 'email', '{}', { key, contentType: 'application/json' });
      assert.equal(response.status, 415);
    });

    it('answers 503 when the message cannot be recorded for now, so the mail server retries', async () => {
      await sql`ALTER TABLE inbound_messages RENAME TO inbound_messages_away`.execute(ctx.database.db);
      try {
        const response = await postTicket(ctx, 'email', fixture('gmail-reply.eml'), { key });
        assert.equal(response.status, 503, response.text);
        assert.match(response.text, /try again later/);
      } finally {
        await sql`ALTER TABLE inbound_messages_away RENAME TO inbound_messages`.execute(ctx.database.db);
      }
    });
  });
}
