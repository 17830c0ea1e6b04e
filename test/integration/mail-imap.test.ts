import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import type { ImapFlow } from 'imapflow';
import { claimLease } from '../../src/db/repositories/leases.repository.ts';
import { findMailbox } from '../../src/db/repositories/mailboxes.repository.ts';
import type { IngestFunction } from '../../src/mail/inbound/imap/import-pass.ts';
import { mailboxLeaseName } from '../../src/mail/inbound/imap/mailbox-watcher.ts';
import { pollMailboxOnce } from '../../src/mail/inbound/imap/poll-once.ts';
import { ingestEmail } from '../../src/mail/inbound/ingest.ts';
import { createMailbox, type MailboxInput, updateMailbox } from '../../src/services/mailboxes/mailboxes.ts';
import { DIALECTS } from '../support/dialects.ts';
import { type DovecotServer, dovecotSkipReason, startDovecot } from '../support/dovecot.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

interface FolderMessage {
  uid: number;
  flags: string[];
  subject: string;
}

/** An RFC 5322 message as a mail client would store it. */
function composeMessage(fields: {
  from: string;
  to: string;
  subject: string;
  body: string;
  messageId?: string;
}) {
  const messageId = fields.messageId ?? `<${randomBytes(8).toString('hex')}@example.com>`;
  return [
    `From: ${fields.from}`,
    `To: ${fields.to}`,
    `Subject: ${fields.subject}`,
    `Message-ID: ${messageId}`,
    'Date: Mon, 05 Jan 2026 09:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    fields.body,
    '',
  ].join('\r\n');
}

for (const dialect of DIALECTS) {
  describe(`IMAP import [${dialect}]`, { skip: dovecotSkipReason() }, () => {
    let ctx: TestContext;
    let dovecot: DovecotServer;
    const clients: ImapFlow[] = [];

    before(async () => {
      dovecot = await startDovecot();
      ctx = await createTestContext(dialect);
    });
    after(async () => {
      await ctx?.close();
      await dovecot?.stop();
    });
    afterEach(async () => {
      for (const client of clients.splice(0)) await client.logout().catch(() => undefined);
    });

    /** A fresh Dovecot account and a Tessera mailbox fetching from it. */
    async function addImapMailbox(input: Partial<MailboxInput> = {}) {
      const user = `u${randomBytes(4).toString('hex')}`;
      const mailbox = await createMailbox(ctx.deps, {
        name: user,
        address: `${user}@tessera.test`,
        imapHost: '127.0.0.1',
        imapPort: dovecot.port,
        imapSecurity: 'none',
        imapUsername: user,
        imapPassword: dovecot.password,
        ...input,
      });
      const client = await dovecot.connect(user);
      clients.push(client);
      return { mailbox, user, address: mailbox.address, client };
    }

    async function listFolder(user: string, folder: string): Promise<FolderMessage[]> {
      const client = await dovecot.connect(user);
      try {
        const opened = await client.mailboxOpen(folder);
        if (opened.exists === 0) return [];
        const messages = await client.fetchAll('1:*', { uid: true, flags: true, envelope: true });
        return messages.map((message) => ({
          uid: message.uid,
          flags: [...(message.flags ?? [])].sort(),
          subject: message.envelope?.subject ?? '',
        }));
      } finally {
        await client.logout();
      }
    }

    async function ticketsWithSubject(subject: string) {
      return ctx.deps.db
        .selectFrom('tickets')
        .select(['id', 'number'])
        .where('subject', '=', subject)
        .execute();
    }

    function subjectOf(what: string): string {
      return `${what} ${randomBytes(3).toString('hex')}`;
    }

    it('imports unseen mail on the first pass, marks it seen and leaves old read mail alone', async () => {
      const { mailbox, user, address, client } = await addImapMailbox();
      const old = subjectOf('Already read');
      const fresh = subjectOf('Laptop will not boot');
      await client.append(
        'INBOX',
        composeMessage({ from: 'ann@example.com', to: address, subject: old, body: 'Old' }),
        ['\\Seen'],
      );
      await client.append(
        'INBOX',
        composeMessage({ from: 'ann@example.com', to: address, subject: fresh, body: 'Help' }),
      );

      const result = await pollMailboxOnce(ctx.deps, mailbox.id);

      assert.deepEqual(result, { imported: 1, error: null });
      assert.equal((await ticketsWithSubject(fresh)).length, 1);
      assert.equal((await ticketsWithSubject(old)).length, 0);
      const inbox = await listFolder(user, 'INBOX');
      assert.deepEqual(
        inbox.map((message) => [message.subject, message.flags.includes('\\Seen')]),
        [
          [old, true],
          [fresh, true],
        ],
      );
      const stored = await findMailbox(ctx.deps.db, mailbox.id);
      assert.equal(stored?.imapLastUid, 2);
      assert.equal(typeof stored?.imapUidValidity, 'number');
      assert.equal(stored?.lastError, null);
    });

    it('moves imported mail to the archive folder, creating it', async () => {
      const { mailbox, user, address, client } = await addImapMailbox({
        afterImport: 'move',
        archiveFolder: 'Imported',
      });
      const subject = subjectOf('Move me');
      await client.append(
        'INBOX',
        composeMessage({ from: 'bo@example.com', to: address, subject, body: 'Hi' }),
      );

      assert.deepEqual(await pollMailboxOnce(ctx.deps, mailbox.id), { imported: 1, error: null });

      assert.deepEqual(await listFolder(user, 'INBOX'), []);
      assert.deepEqual(
        (await listFolder(user, 'Imported')).map((message) => message.subject),
        [subject],
      );
      assert.equal((await ticketsWithSubject(subject)).length, 1);
    });

    it('refuses to move imported mail into the folder it reads from', async () => {
      const { mailbox, user, address, client } = await addImapMailbox({
        afterImport: 'move',
        archiveFolder: 'inbox',
      });
      await client.append(
        'INBOX',
        composeMessage({ from: 'bo@example.com', to: address, subject: 'Loop', body: 'Hi' }),
      );

      const result = await pollMailboxOnce(ctx.deps, mailbox.id);

      assert.deepEqual(result, {
        imported: 0,
        error: 'The archive folder is the folder mail is imported from: choose another one',
      });
      assert.equal((await listFolder(user, 'INBOX')).length, 1);
    });

    it('deletes imported mail', async () => {
      const { mailbox, user, address, client } = await addImapMailbox({ afterImport: 'delete' });
      const subject = subjectOf('Delete me');
      await client.append(
        'INBOX',
        composeMessage({ from: 'cy@example.com', to: address, subject, body: 'Hi' }),
      );

      assert.deepEqual(await pollMailboxOnce(ctx.deps, mailbox.id), { imported: 1, error: null });

      assert.deepEqual(await listFolder(user, 'INBOX'), []);
      assert.equal((await ticketsWithSubject(subject)).length, 1);
    });

    it('leaves a message untouched when storing it fails, and imports it on the next pass', async () => {
      const { mailbox, user, address, client } = await addImapMailbox({
        afterImport: 'move',
        archiveFolder: 'Imported',
      });
      const subject = subjectOf('Retry me');
      await client.append(
        'INBOX',
        composeMessage({ from: 'di@example.com', to: address, subject, body: 'Hi' }),
      );
      const failing: IngestFunction = async () => {
        throw new Error('database unreachable');
      };

      const failed = await pollMailboxOnce(ctx.deps, mailbox.id, { ingest: failing });

      assert.equal(failed?.imported, 0);
      assert.match(failed?.error ?? '', /could not be stored.*database unreachable/);
      assert.match((await findMailbox(ctx.deps.db, mailbox.id))?.lastError ?? '', /database unreachable/);
      const untouched = await listFolder(user, 'INBOX');
      assert.deepEqual(
        untouched.map((message) => [message.subject, message.flags.includes('\\Seen')]),
        [[subject, false]],
      );
      assert.equal((await ticketsWithSubject(subject)).length, 0);

      assert.deepEqual(await pollMailboxOnce(ctx.deps, mailbox.id), { imported: 1, error: null });
      assert.deepEqual(await listFolder(user, 'INBOX'), []);
      assert.equal((await ticketsWithSubject(subject)).length, 1);
      assert.equal((await findMailbox(ctx.deps.db, mailbox.id))?.lastError, null);
    });

    it('stops at a failed message and keeps the ones after it for the next pass', async () => {
      const { mailbox, user, address, client } = await addImapMailbox();
      // A first pass over the empty folder, so the next one goes by the last UID imported.
      await pollMailboxOnce(ctx.deps, mailbox.id);
      const subjects = [subjectOf('First'), subjectOf('Second'), subjectOf('Third')];
      for (const subject of subjects) {
        await client.append(
          'INBOX',
          composeMessage({ from: 'ed@example.com', to: address, subject, body: 'Hi' }),
        );
      }
      const failOnSecond: IngestFunction = async (deps, raw, source) => {
        if (raw.toString().includes(subjects[1]!)) throw new Error('connection reset');
        return ingestEmail(deps, raw, source);
      };

      const first = await pollMailboxOnce(ctx.deps, mailbox.id, { ingest: failOnSecond });

      assert.equal(first?.imported, 1);
      const seen = (await listFolder(user, 'INBOX')).map((message) => message.flags.includes('\\Seen'));
      assert.deepEqual(seen, [true, false, false]);
      assert.equal((await findMailbox(ctx.deps.db, mailbox.id))?.imapLastUid, 1);

      assert.deepEqual(await pollMailboxOnce(ctx.deps, mailbox.id), { imported: 2, error: null });
      for (const subject of subjects) assert.equal((await ticketsWithSubject(subject)).length, 1, subject);
    });

    it('imports mail that someone read in another client before the next pass', async () => {
      const { mailbox, address, client } = await addImapMailbox();
      await pollMailboxOnce(ctx.deps, mailbox.id);
      const subject = subjectOf('Read elsewhere');
      await client.append(
        'INBOX',
        composeMessage({ from: 'fay@example.com', to: address, subject, body: 'Hi' }),
        ['\\Seen'],
      );

      assert.deepEqual(await pollMailboxOnce(ctx.deps, mailbox.id), { imported: 1, error: null });
      assert.equal((await ticketsWithSubject(subject)).length, 1);
    });

    it('makes one ticket of the same message delivered twice', async () => {
      const { mailbox, user, address, client } = await addImapMailbox();
      const subject = subjectOf('Duplicate');
      const raw = composeMessage({ from: 'gus@example.com', to: address, subject, body: 'Twice' });
      await client.append('INBOX', raw);
      await client.append('INBOX', raw);

      assert.deepEqual(await pollMailboxOnce(ctx.deps, mailbox.id), { imported: 2, error: null });

      const tickets = await ticketsWithSubject(subject);
      assert.equal(tickets.length, 1);
      const entries = await ctx.deps.db
        .selectFrom('thread_entries')
        .select('id')
        .where('ticket_id', '=', tickets[0]!.id)
        .where('type', '=', 'message')
        .execute();
      assert.equal(entries.length, 1);
      assert.ok((await listFolder(user, 'INBOX')).every((message) => message.flags.includes('\\Seen')));
    });

    it('records a failed login as the mailbox error and imports nothing', async () => {
      const { mailbox, address, client } = await addImapMailbox();
      await client.append(
        'INBOX',
        composeMessage({ from: 'hal@example.com', to: address, subject: 'x', body: 'x' }),
      );
      await updateMailbox(ctx.deps, mailbox.id, { imapPassword: 'not the password' });

      const result = await pollMailboxOnce(ctx.deps, mailbox.id);

      assert.equal(result?.imported, 0);
      assert.match(result?.error ?? '', /Authentication failed/);
      assert.match((await findMailbox(ctx.deps.db, mailbox.id))?.lastError ?? '', /Authentication failed/);
    });

    it('refuses to log in without TLS when STARTTLS is required and the server does not offer it', async () => {
      const { mailbox } = await addImapMailbox({ imapSecurity: 'starttls' });
      const result = await pollMailboxOnce(ctx.deps, mailbox.id);
      assert.equal(result?.imported, 0);
      assert.match(result?.error ?? '', /STARTTLS/i);
    });

    it('imports new mail when an administrator asks for a poll', async () => {
      const { mailbox, address, client } = await addImapMailbox();
      const subject = subjectOf('Polled on request');
      await client.append(
        'INBOX',
        composeMessage({ from: 'ida@example.com', to: address, subject, body: 'Hi' }),
      );

      const response = await ctx.api('POST', `/api/v1/mailboxes/${mailbox.id}/poll`);

      assert.equal(response.status, 200);
      assert.equal(response.body.imported, 1);
      assert.equal(response.body.error, null);
      assert.equal(response.body.mailbox.id, mailbox.id);
      assert.equal((await ticketsWithSubject(subject)).length, 1);
    });

    it('refuses a poll request while a worker watches the mailbox', async () => {
      const { mailbox } = await addImapMailbox();
      await claimLease(ctx.deps.db, {
        name: mailboxLeaseName(mailbox.id),
        holder: 'some-worker',
        now: ctx.clock.now(),
        ttlMs: 60_000,
      });

      const response = await ctx.api('POST', `/api/v1/mailboxes/${mailbox.id}/poll`);

      assert.equal(response.status, 409);
      assert.equal(response.body.error.code, 'in_use');
    });

    it('records an unreachable server as the mailbox error', async () => {
      const { mailbox } = await addImapMailbox({ imapPort: 1 });
      const result = await pollMailboxOnce(ctx.deps, mailbox.id);
      assert.match(result?.error ?? '', /ECONNREFUSED/);
    });
  });
}
