import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type DatabaseHandle, openDatabase } from '../../src/db/dialects.ts';

// WAL checkpoints on a thread of their own, for servers. SQLite only: PostgreSQL checkpoints in its own
// background process.

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return condition();
}

describe('SQLite background checkpoints', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-checkpoints-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function writeMegabytes(handle: DatabaseHandle, megabytes: number) {
    await sql`create table if not exists blobs (id integer primary key, body text not null)`.execute(
      handle.db,
    );
    const body = 'x'.repeat(64 * 1024);
    for (let i = 0; i < megabytes * 16; i += 1) {
      await handle.db
        .transaction()
        .execute((tx) => sql`insert into blobs (body) values (${body})`.execute(tx));
    }
  }

  it('copies the log into the database file while the server connection only appends', async () => {
    const path = join(dir, 'background.db');
    const handle = openDatabase(`sqlite:${path}`, { backgroundCheckpoints: true });
    try {
      // 4 MB is under the server connection's own checkpoint bound: only the thread can have copied it.
      await writeMegabytes(handle, 4);
      assert.ok(
        await waitFor(() => statSync(path).size > 4 * 1024 * 1024, 5000),
        `the database file holds ${statSync(path).size} bytes`,
      );
    } finally {
      await handle.close();
    }
  });

  it('leaves the copy to SQLite itself without the thread', async () => {
    const path = join(dir, 'foreground.db');
    const handle = openDatabase(`sqlite:${path}`);
    try {
      await writeMegabytes(handle, 4);
      // SQLite's own checkpoint, every 1,000 pages of log, ran inside the writing commits.
      const size = await sql<{ n: number }>`select count(*) as n from blobs`.execute(handle.db);
      assert.equal(Number(size.rows[0]?.n), 64);
      assert.ok(statSync(path).size > 3 * 1024 * 1024);
    } finally {
      await handle.close();
    }
  });

  it('stops the thread when the database is closed, keeping every write', async () => {
    const path = join(dir, 'closing.db');
    const handle = openDatabase(`sqlite:${path}`, { backgroundCheckpoints: true });
    await writeMegabytes(handle, 1);
    await handle.close();
    const reopened = openDatabase(`sqlite:${path}`);
    try {
      const rows = await sql<{ n: number }>`select count(*) as n from blobs`.execute(reopened.db);
      assert.equal(Number(rows.rows[0]?.n), 16);
    } finally {
      await reopened.close();
    }
  });
});
