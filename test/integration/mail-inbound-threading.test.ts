import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listCollaborators } from '../../src/db/repositories/collaborators.repository.ts';
import { listEvents } from '../../src/db/repositories/events.repository.ts';
import { findInboundMessage } from '../../src/db/repositories/inbound-messages.repository.ts';
import { listEntries } from '../../src/db/repositories/thread.repository.ts';
import { findTicket } from '../../src/db/repositories/tickets.repository.ts';
import { ingestEmail } from '../../src/mail/inbound/ingest.ts';
import { createMessageId } from '../../src/mail/message-id.ts';
import { composeMail, newMessageId, readMailFixture, withHeaders } from '../fixtures/mail/messages.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createAgentWithToken } from '../support/factories.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

const RESOLUTION = {
  problem: 'The print server hung.',
  actionTaken: 'Restarted it.',
  confirmation: 'Printed a test page.',
  code: 'fixed',
};

for (const dialect of DIALECTS) {
  describe(`inbound mail: threading [${dialect}]`, () => {
    let ctx: TestContext;
    before(async () => {
      ctx = await createTestContext(dialect);
    });
    after(async () => ctx.close());

    async function open(from: string, extra: { cc?: string; subject?: string; messageId?: string } = {}) {
      const result = await ingestEmail(ctx.deps, composeMail({ from, ...extra }), { channel: 'pipe' });
      assert.equal(result.outcome, 'created');
      const ticket = await findTicket(ctx.database.db, { number: result.ticketNumber ?? '' });
      assert.ok(ticket);
      return ticket;
    }

    async function lastEntry(ticketId: number) {
      const entries = await listEntries(ctx.database.db, ticketId);
      return { entry: entries[entries.length - 1], count: entries.length };
    }

    async function setState(ticketId: number, state: string) {
      const status = await ctx.database.db
        .selectFrom('ticket_statuses')
        .select('id')
        .where('state', '=', state)
        .executeTakeFirstOrThrow();
      await ctx.database.db
        .updateTable('tickets')
        .set({ state, status_id: status.id })
        .where('id', '=', ticketId)
        .execute();
    }

    it('threads a Gmail reply by our signed Message-ID and keeps only the new words', async () => {
      const ticket = await open('Jane Requester <jane.requester@gmail.com>');
      const ours = createMessageId(ctx.deps, { ticketId: ticket.id, entryId: 1 });
      const raw = withHeaders(readMailFixture('gmail-reply.eml'), { 'In-Reply-To': ours, References: ours });
      const result = await ingestEmail(ctx.deps, raw, { channel: 'imap' });
      assert.equal(result.outcome, 'appended');
      assert.equal(result.ticketNumber, ticket.number);
      const { entry, count } = await lastEntry(ticket.id);
      assert.equal(count, 2);
      assert.equal(entry?.type, 'message');
      assert.equal(
        entry?.bodyText.replace(/\s+/g, ' ').trim(),
        'Thanks, that fixed it. The printer is back. Jane',
      );
      assert.deepEqual([entry?.emailMeta?.threadedBy, entry?.emailMeta?.matched], ['message-id', ours]);
    });

    it('threads a reply by a stored Message-ID in References', async () => {
      const original = newMessageId();
      const ticket = await open('pat@example.org', { messageId: original, cc: 'colleague@example.org' });
      const reply = composeMail({
        from: 'colleague@example.org',
        subject: 'Re: Hello',
        inReplyTo: newMessageId(),
        references: `${original} ${newMessageId()}`,
        text: 'Same problem here.',
      });
      assert.equal((await ingestEmail(ctx.deps, reply, { channel: 'pipe' })).outcome, 'appended');
      const { entry } = await lastEntry(ticket.id);
      assert.deepEqual([entry?.emailMeta?.threadedBy, entry?.emailMeta?.matched], ['references', original]);
    });

    it('threads by the subject token when the requester writes', async () => {
      const ticket = await open('token.owner@example.org');
      const raw = composeMail({ from: 'token.owner@example.org', subject: `More on [#${ticket.number}]` });
      const result = await ingestEmail(ctx.deps, raw, { channel: 'pipe' });
      assert.equal(result.outcome, 'appended');
      assert.equal((await lastEntry(ticket.id)).entry?.emailMeta?.threadedBy, 'subject-token');
    });

    it('threads by the subject token when a collaborator writes', async () => {
      const ticket = await open('asker@example.org', { cc: 'helper@example.org' });
      const raw = composeMail({ from: 'helper@example.org', subject: `Re: [#${ticket.number}]` });
      assert.equal((await ingestEmail(ctx.deps, raw, { channel: 'pipe' })).ticketNumber, ticket.number);
    });

    it('opens a new ticket when an outsider uses the subject token', async () => {
      const ticket = await open('insider@example.org');
      const raw = composeMail({ from: 'outsider@example.net', subject: `Re: [#${ticket.number}] hello` });
      const result = await ingestEmail(ctx.deps, raw, { channel: 'pipe' });
      assert.equal(result.outcome, 'created');
      assert.notEqual(result.ticketNumber, ticket.number);
      const created = await findTicket(ctx.database.db, { number: result.ticketNumber ?? '' });
      const { entry } = await lastEntry(created?.id ?? 0);
      assert.deepEqual(entry?.emailMeta?.ignoredSubjectToken, {
        number: ticket.number,
        why: 'not_participant',
      });
      assert.equal((await lastEntry(ticket.id)).count, 1);
    });

    it('does not thread by a Message-ID made to look like ours', async () => {
      const ticket = await open('forged@example.org');
      const forged = `<t${ticket.id}.e0.deadbeef.0123456789abcdef@tessera.test>`;
      const result = await ingestEmail(ctx.deps, composeMail({ from: 'x@example.net', inReplyTo: forged }), {
        channel: 'pipe',
      });
      assert.equal(result.outcome, 'created');
    });

    it("reopens a resolved ticket on the requester's reply", async () => {
      const ticket = await open('resolved@example.org');
      const resolved = await ctx.api('POST', `/api/v1/tickets/${ticket.number}/resolve`, RESOLUTION);
      assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
      const reply = composeMail({
        from: 'resolved@example.org',
        inReplyTo: createMessageId(ctx.deps, { ticketId: ticket.id }),
        text: 'It is broken again.',
      });
      assert.equal((await ingestEmail(ctx.deps, reply, { channel: 'pipe' })).outcome, 'appended');
      assert.equal((await findTicket(ctx.database.db, { id: ticket.id }))?.state, 'open');
    });

    it('keeps an auto-reply on the thread without reopening the ticket', async () => {
      const ticket = await open('away@example.org');
      await ctx.api('POST', `/api/v1/tickets/${ticket.number}/resolve`, RESOLUTION);
      const raw = withHeaders(readMailFixture('auto-reply.eml'), {
        From: 'away@example.org',
        'In-Reply-To': createMessageId(ctx.deps, { ticketId: ticket.id }),
      });
      const result = await ingestEmail(ctx.deps, raw, { channel: 'pipe' });
      assert.deepEqual([result.outcome, result.reason], ['appended', 'auto_reply']);
      assert.equal((await findTicket(ctx.database.db, { id: ticket.id }))?.state, 'resolved');
      assert.equal((await lastEntry(ticket.id)).entry?.emailMeta?.autoReply, true);
    });

    it('opens a follow-up ticket for a reply to an archived ticket', async () => {
      const ticket = await open('archived@example.org');
      await setState(ticket.id, 'archived');
      const reply = composeMail({
        from: 'archived@example.org',
        inReplyTo: createMessageId(ctx.deps, { ticketId: ticket.id }),
      });
      const result = await ingestEmail(ctx.deps, reply, { channel: 'pipe' });
      assert.deepEqual([result.outcome, result.reason], ['created', 'archived_ticket']);
      const followUp = await findTicket(ctx.database.db, { number: result.ticketNumber ?? '' });
      assert.equal(followUp?.fields.followUpOf, ticket.number);
      const events = await listEvents(ctx.database.db, followUp?.id ?? 0);
      assert.ok(events.some((event) => event.type === 'linked' && event.data.number === ticket.number));
      assert.equal((await lastEntry(ticket.id)).count, 1);
    });

    it("posts an agent's emailed answer as a reply to the requester", async () => {
      await createAgentWithToken(ctx, {
        email: 'replier@tessera.test',
        department: 'Support',
        role: 'All access',
      });
      const ticket = await open('customer@example.org');
      const raw = composeMail({
        from: 'Replier <replier@tessera.test>',
        inReplyTo: createMessageId(ctx.deps, { ticketId: ticket.id, entryId: 1 }),
        text: 'Please restart the router.\n\nOn Tue, 6 Jan 2026, Tessera wrote:\n> New message',
      });
      const result = await ingestEmail(ctx.deps, raw, { channel: 'pipe' });
      assert.deepEqual([result.outcome, result.reason], ['appended', 'agent_reply']);
      const { entry } = await lastEntry(ticket.id);
      assert.equal(entry?.type, 'reply');
      assert.equal(entry?.authorType, 'agent');
      assert.equal(entry?.bodyText, 'Please restart the router.');
      assert.equal(entry?.emailMeta?.threadedBy, 'message-id');
      assert.equal((await findTicket(ctx.database.db, { id: ticket.id }))?.isAnswered, true);
    });

    it('keeps the email of an agent who may not reply as their internal note', async () => {
      await createAgentWithToken(ctx, {
        email: 'viewer@tessera.test',
        department: 'Support',
        role: 'View only',
      });
      const ticket = await open('customer2@example.org');
      const raw = composeMail({
        from: 'viewer@tessera.test',
        inReplyTo: createMessageId(ctx.deps, { ticketId: ticket.id }),
        text: 'I think this is the printer driver.',
      });
      const result = await ingestEmail(ctx.deps, raw, { channel: 'pipe' });
      assert.equal(result.reason, 'agent_not_permitted');
      const { entry } = await lastEntry(ticket.id);
      assert.deepEqual([entry?.type, entry?.authorType], ['note', 'agent']);
    });

    it("keeps an agent's out-of-office answer as a note, never a reply", async () => {
      const ticket = await open('customer3@example.org');
      const raw = composeMail({
        from: 'replier@tessera.test',
        inReplyTo: createMessageId(ctx.deps, { ticketId: ticket.id }),
        headers: { 'Auto-Submitted': 'auto-replied' },
        text: 'I am out of the office.',
      });
      assert.equal((await ingestEmail(ctx.deps, raw, { channel: 'pipe' })).reason, 'agent_auto_reply');
      assert.equal((await lastEntry(ticket.id)).entry?.type, 'note');
    });

    it('adds To and Cc people as collaborators, but not the sender, agents or its own addresses', async () => {
      const raw = composeMail({
        from: 'boss@example.org',
        to: 'support@tessera.test, Second <second@example.org>',
        cc: 'Third <third@example.org>, replier@tessera.test, boss@example.org',
      });
      const result = await ingestEmail(ctx.deps, raw, { channel: 'pipe' });
      const ticket = await findTicket(ctx.database.db, { number: result.ticketNumber ?? '' });
      const collaborators = await listCollaborators(ctx.database.db, ticket?.id ?? 0);
      assert.deepEqual(collaborators.map((c) => c.email).sort(), ['second@example.org', 'third@example.org']);
      assert.equal(collaborators.find((c) => c.email === 'third@example.org')?.name, 'Third');
    });

    it('adds no collaborators when the setting is off', async () => {
      assert.equal((await ctx.api('PATCH', '/api/v1/settings', { addCcAsCollaborators: false })).status, 200);
      try {
        const raw = composeMail({ from: 'solo@example.org', cc: 'ignored@example.org' });
        const result = await ingestEmail(ctx.deps, raw, { channel: 'pipe' });
        const ticket = await findTicket(ctx.database.db, { number: result.ticketNumber ?? '' });
        assert.deepEqual(await listCollaborators(ctx.database.db, ticket?.id ?? 0), []);
      } finally {
        await ctx.api('PATCH', '/api/v1/settings', { addCcAsCollaborators: true });
      }
    });

    it('records a bounce of its mail on the ticket as a note, and answers nobody', async () => {
      const ticket = await open('bouncing@example.org');
      const raw = readMailFixture('bounce-dsn.eml', {
        ORIGINAL_MESSAGE_ID: createMessageId(ctx.deps, { ticketId: ticket.id, entryId: 1 }),
      });
      const result = await ingestEmail(ctx.deps, raw, { channel: 'pipe' });
      assert.deepEqual([result.outcome, result.reason], ['appended', 'bounce']);
      const { entry } = await lastEntry(ticket.id);
      assert.deepEqual([entry?.type, entry?.authorType], ['note', 'system']);
      assert.match(entry?.bodyText ?? '', /Status: 5\.1\.1/);
      assert.equal((await findTicket(ctx.database.db, { id: ticket.id }))?.state, 'open');
    });

    it('ignores a bounce that names none of its mail', async () => {
      const raw = withHeaders(
        readMailFixture('bounce-dsn.eml', { ORIGINAL_MESSAGE_ID: '<someone-else@example.org>' }),
        {
          'Message-Id': newMessageId('mx.tessera.test'),
        },
      );
      const result = await ingestEmail(ctx.deps, raw, { channel: 'pipe' });
      assert.deepEqual([result.outcome, result.reason], ['ignored', 'bounce_unmatched']);
      assert.equal((await findInboundMessage(ctx.database.db, result.inboundMessageId))?.status, 'ignored');
    });
  });
}
