import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { RETRY_BASE_MS } from '../../src/jobs/backoff.ts';
import { DEFAULT_MAX_ATTEMPTS } from '../../src/jobs/queue.ts';
import { RECURRING_TASKS } from '../../src/jobs/registry.ts';
import { ensureRecurringJobs } from '../../src/jobs/scheduler.ts';
import type { Worker } from '../../src/jobs/worker.ts';
import { HOUR_MS } from '../../src/lib/clock.ts';
import { closeMailTransports } from '../../src/mail/outbound/send.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createAgentWithToken } from '../support/factories.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';
import { createMailWorker, drainJobs, SmtpSink, useSmtp } from './mail-outbound-support.ts';

for (const dialect of DIALECTS) {
  describe(`outgoing mail delivery [${dialect}]`, () => {
    let ctx: TestContext;
    let sink: SmtpSink;
    let worker: Worker;

    before(async () => {
      ctx = await createTestContext(dialect);
      sink = new SmtpSink();
      await sink.start();
      worker = createMailWorker(ctx);
    });
    after(async () => {
      closeMailTransports();
      await sink.stop();
      await ctx.close();
    });
    beforeEach(async () => {
      useSmtp(ctx, sink.url);
      await drainJobs(worker);
      sink.clear();
    });

    /** Opens a ticket with no alerts (nobody else is in the department) and delivers its auto-response. */
    async function openTicket(subject = 'VPN drops every hour') {
      const response = await ctx.api('POST', '/api/v1/tickets', {
        subject,
        body: 'The VPN disconnects every hour on the hour.',
        requester: { email: 'erin@example.com', name: 'Erin' },
      });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body as { id: number; number: string };
    }

    async function postReply(number: string, body: string) {
      const response = await ctx.api('POST', `/api/v1/tickets/${number}/replies`, { body });
      assert.equal(response.status, 201, JSON.stringify(response.body));
    }

    async function replyRow(ticketId: number) {
      return ctx.deps.db
        .selectFrom('outbound_messages')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .where('kind', '=', 'reply')
        .executeTakeFirstOrThrow();
    }

    it('sends a reply written while SMTP is down once SMTP is back, exactly once', async () => {
      const ticket = await openTicket();
      await drainJobs(worker);
      sink.clear();
      await sink.stop();

      await postReply(ticket.number, 'Please update the VPN client to 5.2.');
      assert.equal(await worker.runOnce(), 1);
      const pending = await replyRow(ticket.id);
      assert.equal(pending.status, 'queued');
      assert.equal(pending.attempts, 1);
      assert.ok(pending.last_error, 'the failure is recorded on the mail');
      const job = await ctx.deps.db
        .selectFrom('jobs')
        .selectAll()
        .where('dedupe_key', '=', `mail.send:${pending.id}`)
        .executeTakeFirstOrThrow();
      assert.equal(job.status, 'pending');
      assert.equal(job.run_at, ctx.clock.now() + RETRY_BASE_MS);

      await sink.start();
      assert.equal(await worker.runOnce(), 0, 'the retry waits for its backoff');
      ctx.clock.advance(RETRY_BASE_MS);
      assert.equal(await worker.runOnce(), 1);
      ctx.clock.advance(4 * HOUR_MS);
      assert.equal(await drainJobs(worker), 0);

      const delivered = sink.to('erin@example.com');
      assert.equal(delivered.length, 1);
      assert.equal(delivered[0]?.parsed.messageId, pending.message_id, 'the retry sends the same message');
      const sent = await replyRow(ticket.id);
      assert.equal(sent.status, 'sent');
      assert.equal(sent.attempts, 2);
      assert.equal(sent.last_error, null);
    });

    it('keeps mail waiting in the outbox without SMTP_URL and sends it once SMTP is configured', async () => {
      useSmtp(ctx, null);
      const ticket = await openTicket();
      await postReply(ticket.number, 'Which VPN client version do you use?');
      await drainJobs(worker);
      assert.equal(sink.received.length, 0);
      const waiting = await ctx.api(
        'GET',
        `/api/v1/outbound-messages?status=waiting&ticket=${ticket.number}`,
      );
      assert.equal(waiting.status, 200);
      assert.deepEqual(waiting.body.items.map((item: { kind: string }) => item.kind).sort(), [
        'auto_response',
        'reply',
      ]);

      useSmtp(ctx, sink.url);
      await ensureRecurringJobs(
        ctx.deps,
        RECURRING_TASKS.filter((task) => task.type === 'mail.release-waiting'),
      );
      await drainJobs(worker);
      ctx.clock.advance(2 * 60_000);
      await drainJobs(worker);
      const delivered = sink.to('erin@example.com');
      assert.deepEqual(
        delivered.map((mail) => mail.parsed.subject),
        [`[#${ticket.number}] VPN drops every hour`, `[#${ticket.number}] VPN drops every hour`],
      );
      const sent = await ctx.api('GET', `/api/v1/outbound-messages?status=sent&ticket=${ticket.number}`);
      assert.equal(sent.body.items.length, 2);
    });

    it('marks mail failed after the last attempt, and an administrator can send it again', async () => {
      const ticket = await openTicket();
      await drainJobs(worker);
      sink.clear();
      await sink.stop();
      try {
        await postReply(ticket.number, 'Try a wired connection.');
        // Each retry is due within an hour (the backoff's cap).
        for (let attempt = 1; attempt <= DEFAULT_MAX_ATTEMPTS + 2; attempt += 1) {
          await drainJobs(worker);
          ctx.clock.advance(HOUR_MS);
        }
      } finally {
        await sink.start();
      }
      const failed = await replyRow(ticket.id);
      assert.equal(failed.status, 'failed');
      assert.equal(failed.attempts, DEFAULT_MAX_ATTEMPTS);
      const listed = await ctx.api('GET', '/api/v1/outbound-messages?status=failed');
      assert.deepEqual(
        listed.body.items.map((item: { id: number }) => item.id),
        [failed.id],
      );

      const retried = await ctx.api('POST', `/api/v1/outbound-messages/${failed.id}/retry`);
      assert.equal(retried.status, 200, JSON.stringify(retried.body));
      assert.equal(retried.body.status, 'queued');
      await drainJobs(worker);
      assert.equal(sink.to('erin@example.com').length, 1);
      assert.equal((await replyRow(ticket.id)).status, 'sent');

      const again = await ctx.api('POST', `/api/v1/outbound-messages/${failed.id}/retry`);
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'invalid_transition');
    });

    it('gives up at once on mail the server refuses for good, and notes recipients it refused', async () => {
      sink.refused.add('erin@example.com');
      try {
        const ticket = await openTicket('Refused mail');
        await drainJobs(worker);
        const [row] = await ctx.deps.db
          .selectFrom('outbound_messages')
          .selectAll()
          .where('ticket_id', '=', ticket.id)
          .execute();
        assert.equal(row?.status, 'failed');
        assert.equal(row?.attempts, 1);
        assert.match(row?.last_error ?? '', /550/);
        const job = await ctx.deps.db
          .selectFrom('jobs')
          .select('status')
          .where('dedupe_key', '=', `mail.send:${row?.id}`)
          .executeTakeFirstOrThrow();
        assert.equal(job.status, 'completed', 'no retry of a refused message');

        await ctx.api('POST', `/api/v1/tickets/${ticket.number}/collaborators`, {
          email: 'fred@example.com',
        });
        await postReply(ticket.number, 'Anyone there?');
        await drainJobs(worker);
        const reply = await replyRow(ticket.id);
        assert.equal(reply.status, 'sent');
        assert.equal(reply.last_error, 'The server refused some recipients: erin@example.com');
        assert.deepEqual(
          sink.received.map((mail) => mail.envelopeTo),
          [['fred@example.com']],
        );
      } finally {
        sink.refused.clear();
      }
    });

    it('shows an administrator the mail exactly as it is sent', async () => {
      const ticket = await openTicket('Mail as sent');
      await drainJobs(worker);
      const [summary] = (await ctx.api('GET', `/api/v1/outbound-messages?ticket=${ticket.number}`)).body
        .items;
      const shown = await ctx.api('GET', `/api/v1/outbound-messages/${summary.id}`);
      assert.equal(shown.status, 200);
      const mail = sink.to('erin@example.com')[0];
      assert.ok(mail);
      assert.equal(shown.body.messageId, mail.parsed.messageId);
      assert.equal(shown.body.subject, mail.parsed.subject);
      assert.equal(shown.body.bodyText.trim(), mail.parsed.text?.trim());
      assert.deepEqual(shown.body.to, ['erin@example.com']);
      assert.equal(shown.body.headers['Auto-Submitted'], 'auto-replied');
      assert.equal(shown.body.status, 'sent');
    });

    it('keeps the outbox to administrators and answers unknown mail with 404', async () => {
      const agent = await createAgentWithToken(ctx, {
        email: 'outbox-agent@tessera.test',
        department: 'IT Operations',
        role: 'Expanded access',
      });
      const list = await ctx.api('GET', '/api/v1/outbound-messages', undefined, { token: agent.token });
      assert.equal(list.status, 403);
      const missing = await ctx.api('GET', '/api/v1/outbound-messages/999999');
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'not_found');
      const badFilter = await ctx.api('GET', '/api/v1/outbound-messages?status=lost');
      assert.equal(badFilter.status, 400);
      const unknownTicket = await ctx.api('GET', '/api/v1/outbound-messages?ticket=NOPE');
      assert.deepEqual(unknownTicket.body, { items: [] });
    });
  });
}
