import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_IMAP_TUNING, type ImapTuning } from '../../src/mail/inbound/imap/imap-client.ts';
import { pollMailboxOnce } from '../../src/mail/inbound/imap/poll-once.ts';
import { createMailbox, type MailboxInput } from '../../src/services/mailboxes/mailboxes.ts';
import { DIALECTS } from '../support/dialects.ts';
import { type DovecotServer, dovecotSkipReason, startDovecot } from '../support/dovecot.ts';
import { createTestContext, type TestContext } from '../support/test-app.ts';

for (const dialect of DIALECTS) {
  describe(`IMAP over TLS [${dialect}]`, { skip: dovecotSkipReason() }, () => {
    let ctx: TestContext;
    let dovecot: DovecotServer;
    let trusting: ImapTuning;

    before(async () => {
      dovecot = await startDovecot({ tls: true });
      ctx = await createTestContext(dialect);
      // What an administrator's private CA amounts to: this one self-signed certificate is trusted.
      trusting = { ...DEFAULT_IMAP_TUNING, tls: { ca: dovecot.certificate ?? undefined } };
    });
    after(async () => {
      await ctx?.close();
      await dovecot?.stop();
    });

    async function addMailboxWithMail(input: Partial<MailboxInput>) {
      const user = `t${randomBytes(4).toString('hex')}`;
      const mailbox = await createMailbox(ctx.deps, {
        name: user,
        address: `${user}@tessera.test`,
        imapHost: '127.0.0.1',
        imapUsername: user,
        imapPassword: dovecot.password,
        ...input,
      });
      const client = await dovecot.connect(user);
      const raw = `From: kim@example.com\r\nTo: ${mailbox.address}\r\nSubject: Over TLS\r\nMessage-ID: <${user}@example.com>\r\n\r\nHi\r\n`;
      await client.append('INBOX', raw);
      await client.logout();
      return mailbox;
    }

    it('refuses a server whose certificate it cannot verify', async () => {
      const mailbox = await addMailboxWithMail({ imapSecurity: 'tls', imapPort: dovecot.tlsPort });
      const result = await pollMailboxOnce(ctx.deps, mailbox.id);
      assert.equal(result?.imported, 0);
      assert.match(result?.error ?? '', /self[- ]signed|certificate/i);
    });

    it('imports over TLS from a server whose certificate is trusted', async () => {
      const mailbox = await addMailboxWithMail({ imapSecurity: 'tls', imapPort: dovecot.tlsPort });
      assert.deepEqual(await pollMailboxOnce(ctx.deps, mailbox.id, { tuning: trusting }), {
        imported: 1,
        error: null,
      });
    });

    it('upgrades with STARTTLS and verifies the certificate there too', async () => {
      const mailbox = await addMailboxWithMail({ imapSecurity: 'starttls', imapPort: dovecot.port });
      const untrusted = await pollMailboxOnce(ctx.deps, mailbox.id);
      assert.match(untrusted?.error ?? '', /self[- ]signed|certificate/i);
      assert.deepEqual(await pollMailboxOnce(ctx.deps, mailbox.id, { tuning: trusting }), {
        imported: 1,
        error: null,
      });
    });
  });
}
