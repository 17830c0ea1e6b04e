import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { type Generated, Kysely, sql } from 'kysely';
import { MAX_BATCH_UNITS, ServerSqliteDialect } from '../../src/db/sqlite-driver.ts';

// The group commit of Tessera's SQLite driver. SQLite only: PostgreSQL has its own transactions per
// connection and groups concurrent WAL flushes by itself.

interface TestTables {
  items: { id: Generated<number>; value: string };
  children: { id: Generated<number>; item_id: number };
}

describe('SQLite group commit', () => {
  let dir: string;
  let path: string;
  let sqlite: SqliteDatabase.Database;
  let db: Kysely<TestTables>;
  /** A second connection to the same file: it sees only what is committed. */
  let observer: SqliteDatabase.Database;
  let commits: number;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-group-commit-'));
    path = join(dir, 'test.db');
    sqlite = new SqliteDatabase(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.exec(`
      create table items (id integer primary key, value text not null unique);
      create table children (id integer primary key,
        item_id integer not null references items (id) deferrable initially deferred);
    `);
    // Counts the driver's COMMITs by wrapping the statement it prepares for them.
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((source: string) => {
      const statement = prepare(source);
      if (source !== 'commit') return statement;
      const runCommit = statement.run.bind(statement);
      return Object.assign(statement, {
        run: (...args: unknown[]) => {
          commits += 1;
          return runCommit(...(args as []));
        },
      });
    }) as typeof sqlite.prepare;
    db = new Kysely<TestTables>({ dialect: new ServerSqliteDialect(sqlite) });
    observer = new SqliteDatabase(path, { readonly: true });
  });

  after(async () => {
    observer.close();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await db.deleteFrom('children').execute();
    await db.deleteFrom('items').execute();
    commits = 0;
  });

  const committedValues = () =>
    (observer.prepare('select value from items order by value').all() as { value: string }[]).map(
      (row) => row.value,
    );

  it('commits concurrent transactions together, each visible to others only once committed', async () => {
    const values = Array.from({ length: 20 }, (_, i) => `v${String(i).padStart(2, '0')}`);
    await Promise.all(
      values.map((value) =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto('items').values({ value }).execute();
          // When the caller hears back, another connection must already see the row.
          return value;
        }),
      ),
    );
    assert.deepEqual(committedValues(), values);
    assert.ok(commits >= 1 && commits < values.length, `20 transactions took ${commits} commits`);
  });

  it('tells a caller of success only after the commit', async () => {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ value: 'durable' }).execute();
    });
    assert.deepEqual(committedValues(), ['durable']);
  });

  it('rolls back a failing transaction alone; the rest of its batch commits', async () => {
    const outcomes = await Promise.allSettled(
      ['a', 'b', 'a', 'c'].map((value, i) =>
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto('items')
            .values({ value: `${value}-first-${i}` })
            .execute();
          await trx.insertInto('items').values({ value }).execute();
        }),
      ),
    );
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
    );
    // The failed one's first insert went with it.
    assert.deepEqual(committedValues(), ['a', 'a-first-0', 'b', 'b-first-1', 'c', 'c-first-3']);
  });

  it('fails every transaction of a batch whose COMMIT fails, and keeps none of them', async () => {
    // A deferred foreign key is checked at COMMIT: one bad unit makes the batch's COMMIT fail.
    const outcomes = await Promise.allSettled([
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ value: 'innocent' }).execute();
      }),
      db.transaction().execute(async (trx) => {
        await trx.insertInto('children').values({ item_id: 999 }).execute();
      }),
    ]);
    assert.deepEqual(
      outcomes.map((outcome) => outcome.status),
      ['rejected', 'rejected'],
    );
    assert.deepEqual(committedValues(), []);
    // The connection is usable afterwards.
    await db.insertInto('items').values({ value: 'after' }).execute();
    assert.deepEqual(committedValues(), ['after']);
  });

  it('holds a write outside a transaction until the batch it joined is committed', async () => {
    const transaction = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ value: 'in-transaction' }).execute();
    });
    const single = db.insertInto('items').values({ value: 'alone' }).execute();
    await Promise.all([transaction, single]);
    assert.deepEqual(committedValues(), ['alone', 'in-transaction']);
  });

  it('does not let a read see a transaction that is half done', async () => {
    let halfDone!: () => void;
    const paused = new Promise<void>((resolve) => {
      halfDone = resolve;
    });
    const transaction = db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ value: 'one' }).execute();
      halfDone();
      // A real wait (a file write, say) while the transaction holds the connection.
      await new Promise((resolve) => setTimeout(resolve, 30));
      await trx.insertInto('items').values({ value: 'two' }).execute();
    });
    await paused;
    const rows = await db.selectFrom('items').select('value').orderBy('value').execute();
    assert.deepEqual(
      rows.map((row) => row.value),
      ['one', 'two'],
    );
    await transaction;
  });

  it('commits a batch that reaches its bound and goes on with the rest', async () => {
    const count = MAX_BATCH_UNITS * 2 + 5;
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto('items')
            .values({ value: `n${i}` })
            .execute();
        }),
      ),
    );
    assert.equal(committedValues().length, count);
    assert.ok(commits >= 3, `${count} transactions in ${commits} commits`);
  });

  it('runs raw statements and reads outside transactions as before', async () => {
    await sql`insert into items (value) values (${'raw'})`.execute(db);
    const result = await sql<{ n: number }>`select count(*) as n from items`.execute(db);
    assert.equal(result.rows[0]?.n, 1);
    const inserted = await db.insertInto('items').values({ value: 'id' }).executeTakeFirstOrThrow();
    assert.equal(typeof inserted.insertId, 'bigint');
  });
});

describe('SQLite commit hook', () => {
  let dir: string;
  let sqlite: SqliteDatabase.Database;
  let db: Kysely<TestTables>;
  let failNext = false;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tessera-commit-hook-'));
    sqlite = new SqliteDatabase(join(dir, 'test.db'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec(`
      create table items (id integer primary key, value text not null unique);
      create table children (id integer primary key, item_id integer not null);
    `);
    // Like the full-text backlog: work of the whole batch, done once just before COMMIT.
    const hook = (connection: SqliteDatabase.Database) => {
      if (failNext) throw new Error('hook failed');
      connection.exec(
        'insert into children (item_id) select id from items where id not in (select item_id from children)',
      );
    };
    db = new Kysely<TestTables>({ dialect: new ServerSqliteDialect(sqlite, { beforeCommit: hook }) });
  });

  after(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const children = () => (sqlite.prepare('select count(*) as n from children').get() as { n: number }).n;

  it('runs before every commit: of a batch and of a write outside any', async () => {
    await Promise.all(
      ['a', 'b', 'c'].map((value) =>
        db.transaction().execute((trx) => trx.insertInto('items').values({ value }).execute()),
      ),
    );
    assert.equal(children(), 3);
    await db.insertInto('items').values({ value: 'd' }).execute();
    assert.equal(children(), 4);
  });

  it('fails the whole batch when it throws, and keeps nothing of it', async () => {
    failNext = true;
    const results = await Promise.allSettled(
      ['e', 'f'].map((value) =>
        db.transaction().execute((trx) => trx.insertInto('items').values({ value }).execute()),
      ),
    );
    failNext = false;
    assert.deepEqual(
      results.map((result) => result.status),
      ['rejected', 'rejected'],
    );
    const values = (
      sqlite.prepare('select value from items order by value').all() as { value: string }[]
    ).map((row) => row.value);
    assert.deepEqual(values, ['a', 'b', 'c', 'd']);
    await db.transaction().execute((trx) => trx.insertInto('items').values({ value: 'g' }).execute());
    assert.equal(children(), 5);
  });
});
