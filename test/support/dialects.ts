import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DialectName } from '../../src/db/database.ts';
import { type DatabaseHandle, openDatabase } from '../../src/db/dialects.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

/**
 * The databases every integration test runs on. Both by default: a machine without PostgreSQL fails
 * loudly rather than passing on SQLite alone; TEST_DIALECTS=sqlite narrows it on purpose.
 */
export const DIALECTS: DialectName[] = (process.env.TEST_DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((name) => name.trim())
  .filter((name): name is DialectName => name === 'sqlite' || name === 'postgres');

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase extends DatabaseHandle {
  /** The DATABASE_URL a child process can use to reach the same database. */
  readonly url: string;
  /** PostgreSQL: the schema holding this test's tables. */
  readonly schema: string | null;
  /** Closes connections and removes the database. */
  drop(): Promise<void>;
}

/** A new, empty database of the given dialect (a temp file, or a fresh PostgreSQL schema). */
export async function createEmptyDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-test-'));
    const url = `sqlite:${join(dir, 'tessera.db')}`;
    const handle = openDatabase(url);
    return {
      ...handle,
      url,
      schema: null,
      drop: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const handle = openDatabase(TEST_POSTGRES_URL, { schema, poolSize: 5 });
  const url = `${TEST_POSTGRES_URL}${TEST_POSTGRES_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema},public`)}`;
  return {
    ...handle,
    url,
    schema,
    drop: async () => {
      await handle.close();
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        // Waits for migrations in flight in other schemas: see whileSchemasStay.
        await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

// Tests run in parallel, each in its own PostgreSQL schema. Kysely's migrator looks for its table through
// the introspector, which reads every table of every schema and resolves each by name; a schema dropped
// by another test in that instant makes it fail ("relation ... does not exist"). Migrations hold this
// lock shared, a drop holds it alone.
const SCHEMA_LOCK = 7_201_105;

/** Runs `work` while no test schema is dropped (PostgreSQL; on SQLite it just runs it). */
export async function whileSchemasStay<T>(dialect: DialectName, work: () => Promise<T>): Promise<T> {
  if (dialect !== 'postgres') return work();
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock_shared($1)', [SCHEMA_LOCK]);
    return await work();
  } finally {
    await client.end();
  }
}

/** A new database with every migration applied. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const database = await createEmptyDatabase(dialect);
  await whileSchemasStay(dialect, () => migrateToLatest(database.db));
  return database;
}
