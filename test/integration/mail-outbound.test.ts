import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { insertMailbox } from '../../src/db/repositories/mailboxes.repository.ts';
import { findTicketForUpdate } from '../../src/db/repositories/tickets.repository.ts';
import { SYSTEM } from '../../src/domain/permissions/permissions.ts';
import type { Worker } from '../../src/jobs/worker.ts';
import { readMessageId } from '../../src/mail/message-id.ts';
import { closeMailTransports } from '../../src/mail/outbound/send.ts';
import { REPLY_MARKER } from '../../src/mail/reply-marker.ts';
import { inTransaction } from '../../src/services/deps.ts';
import {
  TICKET_CREATED_JOB_TYPE,
  ticketCreatedNotificationJob,
} from '../../src/services/notifications/notify-ticket-created.ts';
import { type CreateTicketInput, createTicket } from '../../src/services/tickets/create-ticket.ts';
import { addRequesterMessage } from '../../src/services/tickets/requester-message.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createAgentWithToken } from '../support/factories.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';
import {
  createMailWorker,
  drainJobs,
  headerOf,
  type ReceivedMail,
  SmtpSink,
  useSmtp,
} from './mail-outbound-support.ts';

const RESOLUTION = {
  problem: 'The TLS certificate of the banking portal expired at midnight.',
  actionTaken: 'Renewed the certificate and reloaded the load balancers.',
  confirmation: 'Logged in to online banking from two networks.',
  nextSteps: 'Add certificate expiry to monitoring.',
  code: 'fixed',
};

for (const dialect of DIALECTS) {
  describe(`outgoing notifications [${dialect}]`, () => {
    let ctx: TestContext;
    let sink: SmtpSink;
    let worker: Worker;
    let alex: { agentId: number; token: string };
    let robin: { agentId: number; token: string };

    before(async () => {
      ctx = await createTestContext(dialect);
      sink = new SmtpSink();
      await sink.start();
      useSmtp(ctx, sink.url);
      worker = createMailWorker(ctx);
      alex = await createAgentWithToken(ctx, {
        email: 'alex@tessera.test',
        department: 'Support',
        role: 'Expanded access',
      });
      robin = await createAgentWithToken(ctx, {
        email: 'robin@tessera.test',
        department: 'IT Operations',
        role: 'Expanded access',
      });
    });
    after(async () => {
      closeMailTransports();
      await sink.stop();
      await ctx.close();
    });
    beforeEach(() => sink.clear());

    async function openTicket(overrides: Record<string, unknown> = {}) {
      const response = await ctx.api('POST', '/api/v1/tickets', {
        subject: 'Online banking is down',
        body: 'I cannot log in to online banking since this morning.',
        requester: { email: 'dana@example.com', name: 'Dana Requester' },
        ...overrides,
      });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body as { id: number; number: string };
    }

    async function openByService(input: Partial<CreateTicketInput> = {}) {
      return createTicket(ctx.deps, SYSTEM, {
        subject: 'Printer on fire',
        body: 'The printer on floor 3 is smoking.',
        requester: { email: 'dana@example.com', name: 'Dana Requester' },
        source: 'email',
        ...input,
      });
    }

    async function outboxOf(ticketId: number) {
      return ctx.deps.db
        .selectFrom('outbound_messages')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('id')
        .execute();
    }

    function only(mails: ReceivedMail[]): ReceivedMail {
      assert.equal(mails.length, 1, `expected one mail, got ${mails.length}`);
      return mails[0] as ReceivedMail;
    }

    it('answers a new ticket with an auto-response carrying its number and portal link', async () => {
      const ticket = await openTicket();
      await drainJobs(worker);
      const mail = only(sink.to('dana@example.com'));
      assert.equal(mail.parsed.subject, `[#${ticket.number}] Online banking is down`);
      assert.ok(mail.parsed.text?.startsWith(REPLY_MARKER));
      assert.match(mail.parsed.text ?? '', new RegExp(`http://tessera.test/tickets/${ticket.number}`));
      assert.match(String(mail.parsed.html), /Follow the ticket/);
      assert.equal(headerOf(mail, 'Auto-Submitted'), 'auto-replied');
      assert.equal(headerOf(mail, 'X-Auto-Response-Suppress'), 'All');
      assert.equal(headerOf(mail, 'Reply-To'), 'Tessera Support <support@tessera.test>');
      assert.equal(readMessageId(ctx.deps, mail.parsed.messageId ?? '')?.ticketId, ticket.id);
      const [row] = await outboxOf(ticket.id);
      assert.equal(row?.status, 'sent');
      assert.equal(row?.message_id, mail.parsed.messageId);
    });

    it("alerts the department's agents to a new ticket, but not the agent who opened it", async () => {
      await openTicket();
      await drainJobs(worker);
      const alert = only(sink.to('alex@tessera.test'));
      assert.match(alert.parsed.subject ?? '', /New ticket/);
      assert.equal(headerOf(alert, 'Auto-Submitted'), 'auto-generated');
      assert.equal(headerOf(alert, 'List-Unsubscribe'), '<http://tessera.test/agent/settings/notifications>');
      assert.equal(sink.to('admin@tessera.test').length, 0, 'the acting agent gets nothing');
      assert.equal(sink.to('robin@tessera.test').length, 0, 'another department is not alerted');
    });

    it('alerts only the assignee of a ticket assigned when it is opened', async () => {
      await openTicket({ assigneeId: robin.agentId });
      await drainJobs(worker);
      assert.equal(sink.to('robin@tessera.test').length, 1);
      assert.equal(sink.to('alex@tessera.test').length, 0);
    });

    it("writes a new ticket's mail in the worker, once even when its job runs twice", async () => {
      const created = await openByService({});
      // Opening the ticket queued one job and no mail yet: the request does not wait for the mail.
      assert.deepEqual(await outboxOf(created.ticketId), []);
      const jobs = await ctx.deps.db
        .selectFrom('jobs')
        .select(['payload'])
        .where('type', '=', TICKET_CREATED_JOB_TYPE)
        .where('dedupe_key', '=', `${TICKET_CREATED_JOB_TYPE}:${created.ticketId}`)
        .execute();
      assert.equal(jobs.length, 1);
      const payload = JSON.parse(String(jobs[0]?.payload));
      await ticketCreatedNotificationJob(ctx.deps, payload);
      await ticketCreatedNotificationJob(ctx.deps, payload);
      const kinds = (await outboxOf(created.ticketId)).map((row) => row.kind).sort();
      assert.deepEqual(kinds, ['auto_response', 'new_ticket_alert', 'new_ticket_alert']);
      // The queued job itself runs a third time in the worker, and sends the three once.
      await drainJobs(worker);
      assert.equal((await outboxOf(created.ticketId)).length, 3);
      assert.equal(sink.received.length, 3);
    });

    it('threads the mails a new ticket writes at once on each other, each on its own chain', async () => {
      const created = await openByService({
        email: { messageId: '<first-report@client.example>', meta: {} },
      });
      await drainJobs(worker);
      const [response, ...alerts] = await outboxOf(created.ticketId);
      assert.equal(response?.kind, 'auto_response');
      // The requester's chain: their own message, never the alerts written beside the answer.
      assert.equal(response?.in_reply_to, '<first-report@client.example>');
      assert.equal(response?.references_header, '<first-report@client.example>');
      // An agent's chain holds all of the ticket's mail, in the order it was written.
      assert.deepEqual(
        alerts.map((alert) => [alert.kind, alert.in_reply_to, alert.references_header]),
        [
          ['new_ticket_alert', response?.message_id, `<first-report@client.example> ${response?.message_id}`],
          [
            'new_ticket_alert',
            alerts[0]?.message_id,
            `<first-report@client.example> ${response?.message_id} ${alerts[0]?.message_id}`,
          ],
        ],
      );
    });

    it('sends neither auto-response nor alert when the caller turns them off', async () => {
      const created = await openByService({ autoRespond: false, alert: false });
      await drainJobs(worker);
      assert.deepEqual(await outboxOf(created.ticketId), []);
      assert.equal(sink.received.length, 0);
    });

    it('does not auto-respond to a message that was itself automatic', async () => {
      const created = await openByService({
        email: { messageId: '<ooo-1@client.example>', meta: { autoReply: true } },
      });
      await drainJobs(worker);
      const kinds = (await outboxOf(created.ticketId)).map((row) => row.kind);
      assert.deepEqual(kinds, ['new_ticket_alert', 'new_ticket_alert']);
    });

    it('never mails its own address', async () => {
      const created = await openByService({ requester: { email: 'Support@Tessera.test' }, alert: false });
      await drainJobs(worker);
      assert.deepEqual(await outboxOf(created.ticketId), []);
    });

    it('mails an agent reply to the requester and collaborators, with its attachment and thread headers', async () => {
      const created = await openByService({
        email: { messageId: '<original-1@client.example>', meta: {} },
        collaborators: [{ email: 'carol@example.com', name: 'Carol' }],
        alert: false,
      });
      await drainJobs(worker);
      const autoResponse = only(sink.to('dana@example.com'));
      sink.clear();
      const reply = await ctx.api('POST', `/api/v1/tickets/${created.number}/replies`, {
        body: 'We are on it: the printer is unplugged.',
        attachments: [
          {
            filename: 'steps.txt',
            contentType: 'text/plain',
            data: Buffer.from('1. unplug').toString('base64'),
          },
        ],
      });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      await drainJobs(worker);

      const mail = only(sink.received);
      assert.deepEqual(mail.envelopeTo.sort(), ['carol@example.com', 'dana@example.com']);
      assert.match(headerOf(mail, 'To') ?? '', /dana@example.com/);
      assert.match(headerOf(mail, 'Cc') ?? '', /carol@example.com/);
      assert.equal(mail.parsed.subject, `[#${created.number}] Printer on fire`);
      assert.ok(mail.parsed.text?.startsWith(REPLY_MARKER));
      assert.match(mail.parsed.text ?? '', /We are on it: the printer is unplugged\./);
      assert.match(String(mail.parsed.html), /We are on it/);
      assert.equal(headerOf(mail, 'Auto-Submitted'), undefined, 'a person wrote this reply');
      assert.deepEqual(
        mail.parsed.attachments.map((file) => [file.filename, file.content.toString()]),
        [['steps.txt', '1. unplug']],
      );
      assert.deepEqual(readMessageId(ctx.deps, mail.parsed.messageId ?? ''), {
        ticketId: created.ticketId,
        entryId: reply.body.id,
      });
      assert.equal(mail.parsed.inReplyTo, autoResponse.parsed.messageId);
      assert.equal(
        headerOf(mail, 'References'),
        `<original-1@client.example> ${autoResponse.parsed.messageId}`,
      );
    });

    it('sets Reply-To to the mailbox the ticket came in on and never copies a mailbox', async () => {
      const mailboxId = await insertMailbox(
        ctx.deps.db,
        {
          name: 'Help',
          address: 'help@tessera.test',
          departmentId: null,
          topicId: null,
          priorityId: null,
          imapHost: null,
          imapPort: null,
          imapSecurity: 'tls',
          imapUsername: null,
          imapPasswordEnc: null,
          imapFolder: 'INBOX',
          afterImport: 'seen',
          archiveFolder: null,
          isActive: true,
        },
        ctx.clock.now(),
      );
      const created = await openByService({
        email: { messageId: '<via-mailbox@client.example>', meta: { mailboxId } },
        collaborators: [{ email: 'help@tessera.test' }, { email: 'gus@example.com' }],
        alert: false,
      });
      await drainJobs(worker);
      const mail = only(sink.received);
      assert.deepEqual(mail.envelopeTo, ['dana@example.com']);
      assert.equal(headerOf(mail, 'Reply-To'), 'Tessera Support <help@tessera.test>');
      sink.clear();
      await ctx.api('POST', `/api/v1/tickets/${created.number}/replies`, { body: 'Checking.' });
      await drainJobs(worker);
      assert.deepEqual(only(sink.received).envelopeTo.sort(), ['dana@example.com', 'gus@example.com']);
    });

    it('mails the resolution with links whose confirm token closes the ticket', async () => {
      const ticket = await openTicket();
      await drainJobs(worker);
      sink.clear();
      const resolved = await ctx.api('POST', `/api/v1/tickets/${ticket.number}/resolve`, RESOLUTION);
      assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
      await drainJobs(worker);

      const mail = only(sink.to('dana@example.com'));
      assert.equal(mail.parsed.subject, `[#${ticket.number}] Resolved: Online banking is down`);
      assert.equal(headerOf(mail, 'Auto-Submitted'), 'auto-generated');
      const text = mail.parsed.text ?? '';
      for (const part of Object.values(RESOLUTION).filter((value) => value !== 'fixed')) {
        assert.ok(text.includes(part), part);
      }
      const token = /http:\/\/tessera\.test\/confirm\/([^\s?]+)\s/.exec(text)?.[1];
      assert.ok(token, 'the confirm link is in the mail');
      assert.ok(text.includes(`http://tessera.test/confirm/${token}?action=reopen`));
      assert.match(String(mail.parsed.html), /still broken/);

      const answer = await ctx.api(
        'POST',
        `/api/v1/confirmations/${token}`,
        { action: 'confirm' },
        { token: null },
      );
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal((await ctx.api('GET', `/api/v1/tickets/${ticket.number}`)).body.state, 'closed');
    });

    it('tells an agent someone else assigned them a ticket, and nobody who assigns themselves', async () => {
      const ticket = await openTicket();
      await drainJobs(worker);
      sink.clear();
      const assigned = await ctx.api('PATCH', `/api/v1/tickets/${ticket.number}`, {
        assigneeId: alex.agentId,
      });
      assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
      await drainJobs(worker);
      const notice = only(sink.to('alex@tessera.test'));
      assert.match(notice.parsed.subject ?? '', /Assigned to you/);
      assert.match(notice.parsed.text ?? '', /Administrator assigned ticket/);

      sink.clear();
      const other = await openTicket();
      await drainJobs(worker);
      sink.clear();
      const self = await ctx.api(
        'PATCH',
        `/api/v1/tickets/${other.number}`,
        { assigneeId: alex.agentId },
        { token: alex.token },
      );
      assert.equal(self.status, 200, JSON.stringify(self.body));
      await drainJobs(worker);
      assert.equal(sink.received.length, 0);
    });

    it("alerts the assignee to the requester's new message", async () => {
      const ticket = await openTicket({ assigneeId: alex.agentId });
      await drainJobs(worker);
      sink.clear();
      await inTransaction(ctx.deps, async (tx) => {
        const locked = await findTicketForUpdate(tx.db, tx.dialect, ticket.id);
        assert.ok(locked);
        await addRequesterMessage(
          tx,
          { kind: 'user', userId: locked.userId, name: 'Dana Requester' },
          locked,
          {
            userId: locked.userId,
            authorName: 'Dana Requester',
            html: '<p>Still nothing works.</p>',
            text: 'Still nothing works.',
          },
        );
      });
      await drainJobs(worker);
      const alert = only(sink.received);
      assert.deepEqual(alert.envelopeTo, ['alex@tessera.test']);
      assert.match(alert.parsed.subject ?? '', /New message/);
      assert.match(alert.parsed.text ?? '', /Dana Requester wrote on ticket/);
      assert.match(alert.parsed.text ?? '', /Still nothing works\./);
    });

    it('honours the settings that turn a kind of mail off', async () => {
      const changed = await ctx.api('PATCH', '/api/v1/settings', {
        emailAutoResponse: false,
        emailNewTicketAlert: false,
      });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      try {
        const ticket = await openTicket();
        assert.deepEqual(await outboxOf(ticket.id), []);
      } finally {
        await ctx.api('PATCH', '/api/v1/settings', { emailAutoResponse: true, emailNewTicketAlert: true });
      }
    });
  });
}
