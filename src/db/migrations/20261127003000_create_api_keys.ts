import { type MigrationDb, REF, withId } from './schema-helpers.ts';

export async function up(db: MigrationDb): Promise<void> {
  // Keys are stored by their SHA-256 only: a copy of this table cannot be used to open tickets.
  await withId(db, db.schema.createTable('api_keys'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('key_hash', 'text', (col) => col.notNull().unique())
    .addColumn('key_prefix', 'text', (col) => col.notNull())
    .addColumn('ip_addresses', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('can_create_tickets', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('is_active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('created_by_agent_id', REF, (col) => col.references('agents.id').onDelete('set null'))
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('api_keys').execute();
}
