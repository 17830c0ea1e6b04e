import { type MigrationDb, REF, withId, withTimestamps } from './schema-helpers.ts';

export async function up(db: MigrationDb): Promise<void> {
  // Routing defaults are set null when the department, topic or priority goes, so a mailbox never
  // blocks tidying the catalog; mail to it then falls back to the help desk's defaults.
  await withTimestamps(
    withId(db, db.schema.createTable('mailboxes'))
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('address', 'text', (col) => col.notNull().unique())
      .addColumn('department_id', REF, (col) => col.references('departments.id').onDelete('set null'))
      .addColumn('topic_id', REF, (col) => col.references('help_topics.id').onDelete('set null'))
      .addColumn('priority_id', REF, (col) => col.references('priorities.id').onDelete('set null'))
      .addColumn('imap_host', 'text')
      .addColumn('imap_port', 'integer')
      .addColumn('imap_security', 'text', (col) => col.notNull().defaultTo('tls'))
      .addColumn('imap_username', 'text')
      .addColumn('imap_password_enc', 'text')
      .addColumn('imap_folder', 'text', (col) => col.notNull().defaultTo('INBOX'))
      .addColumn('after_import', 'text', (col) => col.notNull().defaultTo('seen'))
      .addColumn('archive_folder', 'text')
      .addColumn('is_active', 'integer', (col) => col.notNull().defaultTo(1))
      .addColumn('imap_uid_validity', 'bigint')
      .addColumn('imap_last_uid', 'bigint')
      .addColumn('last_polled_at', 'bigint')
      .addColumn('last_error', 'text'),
  ).execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('mailboxes').execute();
}
