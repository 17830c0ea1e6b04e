import type { MigrationDb } from './schema-helpers.ts';

// Named, expiring leases: one process at a time holds each (an IMAP mailbox's watcher, for instance),
// and a crashed holder's lease simply runs out. A table rather than PostgreSQL advisory locks so that
// SQLite deployments with a separate worker process are covered too.
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('holder', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addColumn('acquired_at', 'bigint', (col) => col.notNull())
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('leases').execute();
}
