import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Worker } from '../../src/jobs/worker.ts';
import { ingestEmail } from '../../src/mail/inbound/ingest.ts';
import { closeMailTransports } from '../../src/mail/outbound/send.ts';
import { REPLY_MARKER } from '../../src/mail/reply-marker.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';
import { createMailWorker, drainJobs, SmtpSink, useSmtp } from './mail-outbound-support.ts';

const ORIGINAL_ID = '<20260105085958.GA1234@example.org>';

/** The requester's answer to one of our mails, written the way a mail client quotes it. */
function answerTo(mail: { messageId: string; references: string; subject: string; text: string }): Buffer {
  const quoted = mail.text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\r\n');
  return Buffer.from(
    [
      'From: Pat Customer <pat.customer@example.org>',
      'To: support@tessera.test',
      `Subject: Re: ${mail.subject}`,
      'Date: Mon, 5 Jan 2026 11:00:00 +0100',
      'Message-ID: <answer-1@example.org>',
      `In-Reply-To: ${mail.messageId}`,
      `References: ${mail.references} ${mail.messageId}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'That fixed it, thank you!',
      '',
      'On Mon, 5 Jan 2026 at 10:30, Tessera Support wrote:',
      quoted,
      '',
    ].join('\r\n'),
  );
}

for (const dialect of DIALECTS) {
  describe(`mail both ways [${dialect}]`, () => {
    let ctx: TestContext;
    let sink: SmtpSink;
    let worker: Worker;

    before(async () => {
      ctx = await createTestContext(dialect);
      sink = new SmtpSink();
      await sink.start();
      useSmtp(ctx, sink.url);
      worker = createMailWorker(ctx);
    });
    after(async () => {
      closeMailTransports();
      await sink.stop();
      await ctx.close();
    });

    it('answers a piped-in mail by SMTP in its thread, and files the answer to that on the same ticket', async () => {
      const raw = readFileSync(new URL('../fixtures/mail/new-message.eml', import.meta.url));
      const created = await ingestEmail(ctx.deps, raw, { channel: 'pipe' });
      assert.equal(created.outcome, 'created', JSON.stringify(created));
      const number = created.ticketNumber as string;
      await drainJobs(worker);
      const [autoResponse] = sink.to('pat.customer@example.org');
      assert.equal(autoResponse?.parsed.inReplyTo, ORIGINAL_ID);
      sink.clear();

      const reply = await ctx.api('POST', `/api/v1/tickets/${number}/replies`, {
        body: 'We cleaned the paper feed; please try again.',
      });
      assert.equal(reply.status, 201, JSON.stringify(reply.body));
      await drainJobs(worker);
      const [mail] = sink.to('pat.customer@example.org');
      assert.ok(mail, 'the reply went out by SMTP');
      assert.ok(mail.parsed.text?.startsWith(REPLY_MARKER));
      const references = (mail.parsed.references ?? []) as string[] | string;
      assert.equal([references].flat()[0], ORIGINAL_ID);

      const answered = await ingestEmail(
        ctx.deps,
        answerTo({
          messageId: mail.parsed.messageId ?? '',
          references: [references].flat().join(' '),
          subject: mail.parsed.subject ?? '',
          text: mail.parsed.text ?? '',
        }),
        { channel: 'pipe' },
      );
      assert.equal(answered.outcome, 'appended', JSON.stringify(answered));
      assert.equal(answered.ticketNumber, number);
      const thread = await ctx.api('GET', `/api/v1/tickets/${number}/thread`);
      const last = thread.body.items.filter((item: { type: string }) => item.type === 'message').at(-1);
      assert.equal(last.bodyText, 'That fixed it, thank you!', 'the quoted mail is cut off');
    });
  });
}
