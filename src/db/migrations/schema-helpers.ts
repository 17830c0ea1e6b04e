import { type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * The dialect differences of the migration sequence, in one place. Migrations are written against an
 * untyped database because they describe the schema at their own point in history, not today's.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration sees the schema of its own time, not Database.
export type MigrationDb = Kysely<any>;

export function isPostgres(db: MigrationDb): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Adds the auto-incrementing integer primary key `id`. */
export function withId<T extends string>(db: MigrationDb, table: CreateTableBuilder<T, never>) {
  return isPostgres(db)
    ? table.addColumn('id', 'bigint', (col) => col.generatedByDefaultAsIdentity().primaryKey())
    : table.addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement());
}

/** Adds `created_at` and `updated_at`, epoch milliseconds. */
export function withTimestamps<T extends string, C extends string>(table: CreateTableBuilder<T, C>) {
  return table
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull());
}

/** The column type of a reference to another table's id. */
export const REF = 'bigint';

/** Runs raw SQL statements in order. */
export async function execute(db: MigrationDb, statements: string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
