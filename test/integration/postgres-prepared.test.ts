import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { preparingPostgresPool } from '../../src/db/postgres-pool.ts';
import { DIALECTS, TEST_POSTGRES_URL } from '../support/dialects.ts';

// How Kysely's queries reach PostgreSQL: as named prepared statements, a bounded number per connection.
// PostgreSQL only: SQLite's driver caches its statements itself (sqlite-group-commit.test.ts).

describe('PostgreSQL prepared statements', { skip: !DIALECTS.includes('postgres') }, () => {
  let pool: pg.Pool;
  let db: Kysely<Record<string, never>>;

  before(() => {
    // One connection, so every query below runs on the connection whose statements are inspected.
    pool = new pg.Pool({ connectionString: TEST_POSTGRES_URL, max: 1 });
    db = new Kysely({ dialect: new PostgresDialect({ pool: preparingPostgresPool(pool, 3) }) });
  });
  after(async () => db.destroy());

  const preparedStatements = async () =>
    (
      await sql<{
        name: string;
        statement: string;
      }>`select name, statement from pg_prepared_statements`.execute(db)
    ).rows;

  it('prepares a query once per connection under a name derived from its text', async () => {
    for (let i = 0; i < 3; i += 1) {
      const result = await sql<{ n: number }>`select ${i}::int + 1 as n`.execute(db);
      assert.equal(result.rows[0]?.n, i + 1);
    }
    const named = (await preparedStatements()).filter((row) => row.statement.includes('+ 1 as n'));
    assert.equal(named.length, 1);
    assert.match(named[0]?.name ?? '', /^k[\w-]{22}$/);
  });

  it('runs transaction control and DDL unnamed, and they still work', async () => {
    await db.transaction().execute(async (trx) => {
      await sql`create temporary table prepared_probe (id int)`.execute(trx);
      await sql`insert into prepared_probe values (${1})`.execute(trx);
    });
    const statements = (await preparedStatements()).map((row) => row.statement.toLowerCase());
    assert.ok(!statements.some((text) => text.startsWith('begin') || text.startsWith('create')));
    assert.ok(statements.some((text) => text.startsWith('insert into prepared_probe')));
  });

  it('stops naming new texts past the limit per connection and runs them unnamed', async () => {
    for (let i = 0; i < 6; i += 1) {
      const result = await sql<{ n: number }>`select ${sql.lit(i)} as n, ${'x'}::text as t`.execute(db);
      assert.equal(result.rows[0]?.n, i);
    }
    // The limit is 3 per connection and earlier tests used it up: nothing of these was named.
    const named = (await preparedStatements()).filter((row) => row.statement.includes('::text as t'));
    assert.equal(named.length, 0);
  });
});
