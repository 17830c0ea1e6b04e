import { type MigrationResultSet, Migrator, NO_MIGRATIONS, PostgresAdapter, sql } from 'kysely';
import type { Db } from './database.ts';
import { MIGRATIONS } from './migrations/index.ts';

/**
 * On PostgreSQL the migration tables are pinned to the connection's current schema: Kysely otherwise
 * looks for them in every schema, and a database holding several Tessera schemas would find another's.
 */
async function migratorFor(db: Db): Promise<Migrator> {
  let migrationTableSchema: string | undefined;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = result.rows[0]?.schema;
  }
  return new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) throw result.error;
  return (result.results ?? []).map((r) => `${r.direction === 'Up' ? 'up' : 'down'} ${r.migrationName}`);
}

/** Applies every pending migration; returns what ran. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  return unwrap(await (await migratorFor(db)).migrateToLatest());
}

/** Reverts the last migration, or all of them. */
export async function migrateDown(db: Db, options: { all?: boolean } = {}): Promise<string[]> {
  const migrator = await migratorFor(db);
  return unwrap(options.all ? await migrator.migrateTo(NO_MIGRATIONS) : await migrator.migrateDown());
}

/** Each known migration and when it was applied (null when pending). */
export async function migrationStatus(db: Db): Promise<{ name: string; executedAt: Date | null }[]> {
  const migrations = await (await migratorFor(db)).getMigrations();
  return migrations.map((m) => ({ name: m.name, executedAt: m.executedAt ?? null }));
}
