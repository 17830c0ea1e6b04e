import { type MigrationDb, withId, withTimestamps } from './schema-helpers.ts';

export async function up(db: MigrationDb): Promise<void> {
  await withTimestamps(
    withId(db, db.schema.createTable('sla_plans'))
      .addColumn('name', 'text', (col) => col.notNull().unique())
      .addColumn('first_response_hours', 'integer')
      .addColumn('resolution_hours', 'integer', (col) => col.notNull())
      .addColumn('is_active', 'integer', (col) => col.notNull().defaultTo(1)),
  ).execute();
  await withId(db, db.schema.createTable('priorities'))
    .addColumn('key', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('urgency', 'integer', (col) => col.notNull())
    .addColumn('color', 'text', (col) => col.notNull())
    .addColumn('is_default', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await withTimestamps(
    withId(db, db.schema.createTable('ticket_statuses'))
      .addColumn('name', 'text', (col) => col.notNull().unique())
      .addColumn('state', 'text', (col) => col.notNull())
      .addColumn('sort_order', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('is_default', 'integer', (col) => col.notNull().defaultTo(0)),
  ).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('ticket_statuses').execute();
  await db.schema.dropTable('priorities').execute();
  await db.schema.dropTable('sla_plans').execute();
}
