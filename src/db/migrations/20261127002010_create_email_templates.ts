import type { MigrationDb } from './schema-helpers.ts';

/** An administrator's version of a notification template; the defaults live in code. */
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('email_templates')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('body_text', 'text', (col) => col.notNull())
    .addColumn('body_html', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('email_templates').execute();
}
