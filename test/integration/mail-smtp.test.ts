import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { promisify } from 'node:util';
import nodemailer from 'nodemailer';
import { ingestEmail } from '../../src/mail/inbound/ingest.ts';
import {
  type IngestFunction,
  type SmtpListener,
  startSmtpListener,
} from '../../src/mail/inbound/smtp/smtp-listener.ts';
import { createMailbox } from '../../src/services/mailboxes/mailboxes.ts';
import { DIALECTS } from '../support/dialects.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

const run = promisify(execFile);
const MAX_BYTES = 64 * 1024;

interface SmtpFailure {
  responseCode?: number;
  response?: string;
}

for (const dialect of DIALECTS) {
  describe(`SMTP listener [${dialect}]`, () => {
    let ctx: TestContext;
    let listener: SmtpListener | null = null;
    let calls: { raw: Buffer; mailboxId: number | null | undefined; recipients: string[] | undefined }[];
    let failIngest: boolean;

    // The real pipeline, watched: tests see what the listener handed it, and can make it fail.
    const spyIngest: IngestFunction = async (deps, raw, source) => {
      calls.push({ raw, mailboxId: source.mailboxId, recipients: source.recipients });
      if (failIngest) throw new Error('database unreachable');
      return ingestEmail(deps, raw, source);
    };

    before(async () => {
      ctx = await createTestContext(dialect);
    });
    after(async () => {
      await ctx.close();
    });
    beforeEach(async () => {
      calls = [];
      failIngest = false;
      await ctx.deps.db.deleteFrom('mailboxes').execute();
      listener = await startSmtpListener({
        deps: ctx.deps,
        host: '127.0.0.1',
        port: 0,
        maxMessageBytes: MAX_BYTES,
        ingest: spyIngest,
      });
    });
    afterEach(async () => {
      await listener?.close();
      listener = null;
    });

    function transport() {
      return nodemailer.createTransport({
        host: '127.0.0.1',
        port: listener!.port,
        secure: false,
        ignoreTLS: true,
      });
    }

    async function addMailbox(address: string, isActive = true): Promise<number> {
      const mailbox = await createMailbox(ctx.deps, { name: address, address, isActive });
      return mailbox.id;
    }

    async function findTicketBySubject(subject: string) {
      return ctx.deps.db
        .selectFrom('tickets')
        .select(['id', 'number', 'subject', 'source'])
        .where('subject', '=', subject)
        .execute();
    }

    function uniqueSubject(what: string): string {
      return `${what} ${randomBytes(4).toString('hex')}`;
    }

    it('opens a ticket from mail for a mailbox address sent with nodemailer', async () => {
      const mailboxId = await addMailbox('help@tessera.test');
      const subject = uniqueSubject('Printer on fire');
      const info = await transport().sendMail({
        from: 'Dana Requester <dana@example.com>',
        to: 'Help <HELP@tessera.test>',
        subject,
        text: 'The printer on floor 3 is on fire.',
      });
      assert.match(info.response, /^250 /);
      const tickets = await findTicketBySubject(subject);
      assert.equal(tickets.length, 1);
      assert.equal(calls[0]?.mailboxId, mailboxId);
      assert.deepEqual(calls[0]?.recipients, ['help@tessera.test']);
    });

    it('opens a ticket from mail delivered by swaks', async () => {
      await addMailbox('help@tessera.test');
      const subject = uniqueSubject('VPN drops');
      const { stdout } = await run('swaks', [
        '--server',
        `127.0.0.1:${listener!.port}`,
        '--from',
        'erin@example.com',
        '--to',
        'help@tessera.test',
        '--header',
        `Subject: ${subject}`,
        '--body',
        'The VPN drops every ten minutes.',
      ]);
      assert.match(stdout, /<- {2}250 2\.0\.0 Message accepted/);
      assert.equal((await findTicketBySubject(subject)).length, 1);
    });

    it('rejects a recipient that is no mailbox with 550 5.1.1', async () => {
      await addMailbox('help@tessera.test');
      await assert.rejects(
        transport().sendMail({
          from: 'dana@example.com',
          to: 'nobody@tessera.test',
          subject: 'Lost',
          text: 'Anyone?',
        }),
        (error: SmtpFailure) => {
          assert.equal(error.responseCode, 550);
          assert.match(String(error.response), /5\.1\.1/);
          return true;
        },
      );
      assert.equal(calls.length, 0);
    });

    it('answers 550 to swaks for a recipient that is no mailbox', async () => {
      await addMailbox('help@tessera.test');
      const failed = await run('swaks', [
        '--server',
        `127.0.0.1:${listener!.port}`,
        '--from',
        'erin@example.com',
        '--to',
        'sales@tessera.test',
        '--body',
        'Hello',
      ]).then(
        () => null,
        (error: { code: number; stdout: string }) => error,
      );
      // swaks exits with 24 when no recipient was accepted.
      assert.equal(failed?.code, 24);
      assert.match(failed?.stdout ?? '', /<\*\* 550 5\.1\.1/);
    });

    it('rejects the address of an inactive mailbox', async () => {
      await addMailbox('help@tessera.test');
      await addMailbox('old@tessera.test', false);
      await assert.rejects(
        transport().sendMail({ from: 'dana@example.com', to: 'old@tessera.test', subject: 'Hi', text: 'Hi' }),
        (error: SmtpFailure) => error.responseCode === 550,
      );
    });

    it('accepts any recipient while no mailbox is configured', async () => {
      const subject = uniqueSubject('Fresh install');
      const info = await transport().sendMail({
        from: 'dana@example.com',
        to: 'whoever@anywhere.test',
        subject,
        text: 'Does this reach anyone?',
      });
      assert.match(info.response, /^250 /);
      assert.equal(calls[0]?.mailboxId, null);
      assert.equal((await findTicketBySubject(subject)).length, 1);
    });

    it('answers 451 4.3.0 when the message cannot be stored, and stores nothing', async () => {
      await addMailbox('help@tessera.test');
      failIngest = true;
      const subject = uniqueSubject('Try later');
      await assert.rejects(
        transport().sendMail({ from: 'dana@example.com', to: 'help@tessera.test', subject, text: 'Hi' }),
        (error: SmtpFailure) => {
          assert.equal(error.responseCode, 451);
          assert.match(String(error.response), /4\.3\.0/);
          return true;
        },
      );
      assert.equal(calls.length, 1);
      assert.equal((await findTicketBySubject(subject)).length, 0);
    });

    it('refuses a message over the size limit with 552', async () => {
      await addMailbox('help@tessera.test');
      await assert.rejects(
        transport().sendMail({
          from: 'dana@example.com',
          to: 'help@tessera.test',
          subject: 'Huge',
          text: 'x'.repeat(MAX_BYTES + 1024),
        }),
        (error: SmtpFailure) => error.responseCode === 552,
      );
      assert.equal(calls.length, 0);
    });

    it('prepends Return-Path and Received to what it stores', async () => {
      await addMailbox('help@tessera.test');
      await transport().sendMail({
        envelope: { from: 'bounces@example.com', to: ['help@tessera.test'] },
        from: 'dana@example.com',
        to: 'help@tessera.test',
        subject: uniqueSubject('Trace'),
        text: 'Hi',
      });
      const head = calls[0]!.raw.toString('latin1').split('\r\n\r\n')[0]!;
      assert.match(head, /^Return-Path: <bounces@example\.com>\r\nReceived: from /);
      assert.match(head, /for <help@tessera\.test>;/);
    });
  });
}
