import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { findInboundMessage } from '../../src/db/repositories/inbound-messages.repository.ts';
import { listEntries } from '../../src/db/repositories/thread.repository.ts';
import { findTicket } from '../../src/db/repositories/tickets.repository.ts';
import { systemClock } from '../../src/lib/clock.ts';
import { ensureDefaults } from '../../src/services/setup/ensure-defaults.ts';
import { composeMail, readMailFixture } from '../fixtures/mail/messages.ts';
import { runTessera } from '../support/cli.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/dialects.ts';
import { makeTestDeps } from '../support/test-app.ts';

interface Run {
  code: number | null;
  stderr: string;
  /** The last JSON log line on stderr. */
  log: Record<string, unknown>;
}

for (const dialect of DIALECTS) {
  describe(`command line: mail pipe [${dialect}]`, () => {
    let database: TestDatabase;
    let dataDir: string;

    before(async () => {
      database = await createTestDatabase(dialect);
      dataDir = mkdtempSync(join(tmpdir(), 'tessera-pipe-'));
      const deps = makeTestDeps(database, {
        clock: systemClock,
        attachmentsDir: join(dataDir, 'attachments'),
      });
      await ensureDefaults(deps, { email: 'pipe-admin@tessera.test', password: 'pipe admin password' });
    });
    after(async () => {
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    async function pipe(stdin: Buffer, args: string[] = [], env: Record<string, string> = {}): Promise<Run> {
      const run = await runTessera({
        url: database.url,
        dataDir,
        args: ['mail', 'pipe', ...args],
        stdin,
        env,
      });
      const lines = run.stderr
        .trim()
        .split('\n')
        .filter((line) => line.startsWith('{'));
      return { code: run.code, stderr: run.stderr, log: JSON.parse(lines[lines.length - 1] ?? '{}') };
    }

    it('opens a ticket from a message on stdin and exits 0', async () => {
      const run = await pipe(readMailFixture('new-message.eml'));
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.log.msg, 'message created');
      const ticket = await findTicket(database.db, { number: String(run.log.ticket) });
      assert.equal(ticket?.subject, 'Printer on the third floor jams');
      assert.equal(ticket?.source, 'email');
      const entries = await listEntries(database.db, ticket?.id ?? 0);
      assert.equal(entries[0]?.emailMessageId, '<20260105085958.GA1234@example.org>');
      const row = await findInboundMessage(database.db, Number(run.log.inboundMessageId));
      assert.equal(row?.channel, 'pipe');
      const blob = join(
        dataDir,
        'attachments',
        'mail',
        row?.rawSha256.slice(0, 2) ?? '',
        row?.rawSha256.slice(2, 4) ?? '',
      );
      assert.ok(existsSync(join(blob, row?.rawSha256 ?? '')), 'the raw message is stored');
    });

    it('exits 0 for a message it had already (duplicate) and for one it quarantines', async () => {
      const duplicate = await pipe(readMailFixture('new-message.eml'));
      assert.deepEqual([duplicate.code, duplicate.log.msg], [0, 'message duplicate']);
      const broken = await pipe(readMailFixture('no-from.eml'));
      assert.deepEqual([broken.code, broken.log.msg], [0, 'message quarantined']);
    });

    it('exits 65 when stdin holds no message', async () => {
      assert.equal((await pipe(Buffer.from(''))).code, 65);
      assert.equal((await pipe(Buffer.from('hello there, no headers\n'))).code, 65);
    });

    it('exits 78 for a mailbox that does not exist and for a broken configuration', async () => {
      const mail = composeMail({ from: 'config@example.org' });
      assert.equal((await pipe(mail, ['--mailbox', '4242'])).code, 78);
      assert.equal((await pipe(mail, [], { DATABASE_URL: 'mysql://nowhere/db' })).code, 78);
    });

    it('exits 75 when the database cannot be reached, so the mail server retries', async () => {
      const run = await pipe(composeMail({ from: 'later@example.org' }), [], {
        DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing',
      });
      assert.equal(run.code, 75, run.stderr);
    });
  });
}
