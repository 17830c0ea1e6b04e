import { type MigrationDb, REF, withId } from './schema-helpers.ts';

export async function up(db: MigrationDb): Promise<void> {
  await withId(db, db.schema.createTable('outbound_messages'))
    .addColumn('ticket_id', REF, (col) => col.references('tickets.id').onDelete('set null'))
    .addColumn('entry_id', REF, (col) => col.references('thread_entries.id').onDelete('set null'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('to_addresses', 'text', (col) => col.notNull())
    .addColumn('cc_addresses', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('from_address', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('body_text', 'text', (col) => col.notNull())
    .addColumn('body_html', 'text', (col) => col.notNull())
    .addColumn('message_id', 'text', (col) => col.notNull().unique())
    .addColumn('in_reply_to', 'text')
    .addColumn('references_header', 'text')
    .addColumn('headers', 'text', (col) => col.notNull().defaultTo('{}'))
    .addColumn('attachments', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('sent_at', 'bigint')
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();
  // The admin list filters by status (waiting, failed) and by ticket, newest first.
  await db.schema
    .createIndex('outbound_messages_status_idx')
    .on('outbound_messages')
    .columns(['status', 'id'])
    .execute();
  await db.schema
    .createIndex('outbound_messages_ticket_idx')
    .on('outbound_messages')
    .columns(['ticket_id', 'id'])
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('outbound_messages').execute();
}
