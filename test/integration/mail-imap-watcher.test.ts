import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ImapFlow } from 'imapflow';
import { type DatabaseHandle, openDatabase } from '../../src/db/dialects.ts';
import { claimLease, findLease } from '../../src/db/repositories/leases.repository.ts';
import { findMailbox } from '../../src/db/repositories/mailboxes.repository.ts';
import { MailboxWatcher, mailboxLeaseName } from '../../src/mail/inbound/imap/mailbox-watcher.ts';
import { createMailbox, type MailboxInput, updateMailbox } from '../../src/services/mailboxes/mailboxes.ts';
import { DIALECTS } from '../support/dialects.ts';
import { type DovecotServer, dovecotSkipReason, startDovecot } from '../support/dovecot.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

function composeMessage(to: string, subject: string): string {
  return [
    'From: Ivy Requester <ivy@example.com>',
    `To: ${to}`,
    `Subject: ${subject}`,
    `Message-ID: <${randomBytes(8).toString('hex')}@example.com>`,
    'Date: Mon, 05 Jan 2026 09:00:00 +0000',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Something is broken.',
    '',
  ].join('\r\n');
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await sleep(50);
  }
}

for (const dialect of DIALECTS) {
  describe(`IMAP mailbox watcher [${dialect}]`, { skip: dovecotSkipReason() }, () => {
    let ctx: TestContext;
    let dovecot: DovecotServer;
    const clients: ImapFlow[] = [];
    const watchers: MailboxWatcher[] = [];

    before(async () => {
      dovecot = await startDovecot();
      ctx = await createTestContext(dialect);
    });
    after(async () => {
      await ctx?.close();
      await dovecot?.stop();
    });
    beforeEach(async () => {
      // Each test watches only the mailbox it creates.
      await ctx.deps.db.updateTable('mailboxes').set({ is_active: 0 }).execute();
    });
    afterEach(async () => {
      for (const watcher of watchers.splice(0)) await watcher.stop();
      for (const client of clients.splice(0)) await client.logout().catch(() => undefined);
    });

    function startWatcher(deps = ctx.deps): MailboxWatcher {
      const watcher = new MailboxWatcher({
        deps,
        refreshMs: 60_000,
        // No fallback poll during a test: new mail must arrive through IDLE.
        fallbackPollMs: 3_600_000,
        retryBaseMs: 50,
        retryMaxMs: 200,
      });
      watchers.push(watcher);
      return watcher;
    }

    async function addImapMailbox(input: Partial<MailboxInput> = {}) {
      const user = `w${randomBytes(4).toString('hex')}`;
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
      return { mailbox, client };
    }

    async function hasTicket(subject: string): Promise<boolean> {
      const row = await ctx.deps.db
        .selectFrom('tickets')
        .select('id')
        .where('subject', '=', subject)
        .executeTakeFirst();
      return row !== undefined;
    }

    it('imports mail the server announces while idling, without waiting for a poll', async () => {
      const { mailbox, client } = await addImapMailbox();
      const watcher = startWatcher();
      watcher.start();
      await waitFor(
        'the first pass ran',
        async () => (await findMailbox(ctx.deps.db, mailbox.id))?.lastPolledAt !== null,
      );
      // Give the session time to settle into IDLE.
      await sleep(1_500);
      const subject = `Arrived during IDLE ${randomBytes(3).toString('hex')}`;
      await client.append('INBOX', composeMessage(mailbox.address, subject));
      await waitFor('the new mail became a ticket', () => hasTicket(subject), 8_000);
    });

    it('lets one of two workers import a mailbox and hands it over when that one stops', async () => {
      const { mailbox } = await addImapMailbox();
      // A second connection pool: what another worker process would have.
      const other: DatabaseHandle = openDatabase(ctx.database.url, {
        schema: ctx.database.schema ?? undefined,
        poolSize: 2,
      });
      try {
        const first = startWatcher();
        const second = startWatcher({ ...ctx.deps, db: other.db });
        await first.refresh();
        await second.refresh();
        assert.deepEqual(first.watchedMailboxIds(), [mailbox.id]);
        assert.deepEqual(second.watchedMailboxIds(), []);

        await first.stop();
        assert.equal(await findLease(ctx.deps.db, mailboxLeaseName(mailbox.id)), null);
        await second.refresh();
        assert.deepEqual(second.watchedMailboxIds(), [mailbox.id]);
        assert.equal((await findLease(ctx.deps.db, mailboxLeaseName(mailbox.id)))?.holder, second.holderId);
        await second.stop();
      } finally {
        await other.close();
      }
    });

    it('takes over a mailbox whose holder stopped renewing its lease', async () => {
      const { mailbox } = await addImapMailbox();
      const name = mailboxLeaseName(mailbox.id);
      await claimLease(ctx.deps.db, { name, holder: 'crashed-worker', now: ctx.clock.now(), ttlMs: 60_000 });
      const watcher = startWatcher();

      await watcher.refresh();
      assert.deepEqual(watcher.watchedMailboxIds(), []);

      ctx.clock.advance(60_001);
      await watcher.refresh();
      assert.deepEqual(watcher.watchedMailboxIds(), [mailbox.id]);
      assert.equal((await findLease(ctx.deps.db, name))?.holder, watcher.holderId);
    });

    it('records a failed login, then reconnects with the corrected password', async () => {
      const { mailbox, client } = await addImapMailbox({ imapPassword: 'wrong password' });
      const watcher = startWatcher();
      watcher.start();
      await waitFor('the login failure was recorded', async () =>
        /Authentication failed/.test((await findMailbox(ctx.deps.db, mailbox.id))?.lastError ?? ''),
      );

      await updateMailbox(ctx.deps, mailbox.id, { imapPassword: dovecot.password });
      watcher.wake();
      const subject = `After the fix ${randomBytes(3).toString('hex')}`;
      await client.append('INBOX', composeMessage(mailbox.address, subject));

      await waitFor('the mail became a ticket', () => hasTicket(subject));
      await waitFor(
        'the error was cleared',
        async () => (await findMailbox(ctx.deps.db, mailbox.id))?.lastError === null,
      );
    });

    it('pauses between reconnects while the login keeps failing', async () => {
      const { mailbox } = await addImapMailbox({ imapPassword: 'wrong password' });
      let failures = 0;
      const countFailures = (_fields: object, message?: string) => {
        if (message?.startsWith('IMAP mailbox failed')) failures += 1;
      };
      const watcher = new MailboxWatcher({
        deps: ctx.deps,
        logger: { debug() {}, info() {}, warn: countFailures, error() {} },
        retryBaseMs: 60_000,
      });
      watchers.push(watcher);
      watcher.start();
      await waitFor('the login failure was recorded', async () =>
        /Authentication failed/.test((await findMailbox(ctx.deps.db, mailbox.id))?.lastError ?? ''),
      );
      await sleep(1_000);
      assert.equal(failures, 1);
    });

    it('stops watching a mailbox that is deactivated and gives its lease back', async () => {
      const { mailbox } = await addImapMailbox();
      const watcher = startWatcher();
      await watcher.refresh();
      assert.deepEqual(watcher.watchedMailboxIds(), [mailbox.id]);

      await updateMailbox(ctx.deps, mailbox.id, { isActive: false });
      await watcher.refresh();

      assert.deepEqual(watcher.watchedMailboxIds(), []);
      assert.equal(await findLease(ctx.deps.db, mailboxLeaseName(mailbox.id)), null);
    });
  });
}
