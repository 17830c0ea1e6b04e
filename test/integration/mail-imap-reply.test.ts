import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { JOB_HANDLERS } from '../../src/jobs/registry.ts';
import { Worker } from '../../src/jobs/worker.ts';
import { pollMailboxOnce } from '../../src/mail/inbound/imap/poll-once.ts';
import { closeMailTransports } from '../../src/mail/outbound/send.ts';
import { createMailbox } from '../../src/services/mailboxes/mailboxes.ts';
import { DIALECTS } from '../support/dialects.ts';
import { type DovecotServer, dovecotSkipReason, startDovecot } from '../support/dovecot.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

/** The requester's mail server: a real SMTP server on loopback that keeps what it receives. */
async function startCaptureServer(): Promise<{ port: number; received: Buffer[]; close(): Promise<void> }> {
  const received: Buffer[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

for (const dialect of DIALECTS) {
  describe(`a requester's emailed reply, by IMAP [${dialect}]`, { skip: dovecotSkipReason() }, () => {
    let ctx: TestContext;
    let dovecot: DovecotServer;
    let capture: Awaited<ReturnType<typeof startCaptureServer>>;

    before(async () => {
      dovecot = await startDovecot();
      capture = await startCaptureServer();
      ctx = await createTestContext(dialect);
    });
    after(async () => {
      closeMailTransports();
      await ctx?.close();
      await capture?.close();
      await dovecot?.stop();
    });

    async function sendQueuedMail(): Promise<void> {
      const deps = { ...ctx.deps, mail: { ...ctx.deps.mail, smtpUrl: `smtp://127.0.0.1:${capture.port}` } };
      const worker = new Worker({ deps, handlers: JOB_HANDLERS });
      while ((await worker.runOnce()) > 0) {
        // Runs until the queue has nothing due.
      }
    }

    it("lands on the same ticket as the agent's reply it answers", async () => {
      const user = `r${randomBytes(4).toString('hex')}`;
      const mailbox = await createMailbox(ctx.deps, {
        name: 'Support',
        address: `${user}@tessera.test`,
        imapHost: '127.0.0.1',
        imapPort: dovecot.port,
        imapSecurity: 'none',
        imapUsername: user,
        imapPassword: dovecot.password,
      });
      const imap = await dovecot.connect(user);
      const subject = `Cannot print ${randomBytes(3).toString('hex')}`;
      await imap.append(
        'INBOX',
        [
          'From: Rita Requester <rita@example.com>',
          `To: ${mailbox.address}`,
          `Subject: ${subject}`,
          `Message-ID: <first.${user}@example.com>`,
          'Date: Mon, 05 Jan 2026 09:00:00 +0000',
          '',
          'The printer on floor 2 prints blank pages.',
          '',
        ].join('\r\n'),
      );
      assert.deepEqual(await pollMailboxOnce(ctx.deps, mailbox.id), { imported: 1, error: null });
      const ticket = await ctx.deps.db
        .selectFrom('tickets')
        .select(['id', 'number'])
        .where('subject', '=', subject)
        .executeTakeFirstOrThrow();

      const reply = await ctx.api('POST', `/api/v1/tickets/${ticket.number}/replies`, {
        body: 'Please switch the printer off and on again.',
      });
      assert.equal(reply.status, 201);
      await sendQueuedMail();
      const sent = await Promise.all(capture.received.map((raw) => simpleParser(raw)));
      const notification = sent.find((mail) => mail.text?.includes('switch the printer off and on again'));
      assert.ok(notification?.messageId, "the agent's reply was not sent by SMTP");

      const quoted = (notification.text ?? '').split('\n').map((line) => `> ${line}`);
      await imap.append(
        'INBOX',
        [
          'From: Rita Requester <rita@example.com>',
          `To: ${notification.from?.text ?? mailbox.address}`,
          `Subject: Re: ${notification.subject}`,
          `Message-ID: <second.${user}@example.com>`,
          `In-Reply-To: ${notification.messageId}`,
          `References: ${notification.messageId}`,
          'Date: Mon, 05 Jan 2026 10:00:00 +0000',
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Done that, it still prints blank pages.',
          '',
          'On Mon, 5 Jan 2026 at 09:30, Tessera Support wrote:',
          ...quoted,
          '',
        ].join('\r\n'),
      );
      await imap.logout();
      assert.deepEqual(await pollMailboxOnce(ctx.deps, mailbox.id), { imported: 1, error: null });

      const messages = await ctx.deps.db
        .selectFrom('thread_entries')
        .select(['ticket_id', 'body_text', 'email_meta'])
        .where('type', '=', 'message')
        .where('body_text', 'like', '%still prints blank pages%')
        .execute();
      assert.deepEqual(
        messages.map((entry) => entry.ticket_id),
        [ticket.id],
      );
      assert.ok(!messages[0]!.body_text.includes('switch the printer off'), 'the quoted history was kept');
      // Threaded by the signed Message-ID of the mail it answers, not by the subject token.
      const meta = JSON.parse(messages[0]!.email_meta ?? '{}') as { threadedBy?: string; matched?: string };
      assert.equal(meta.threadedBy, 'message-id');
      assert.equal(meta.matched, notification.messageId);
    });
  });
}
