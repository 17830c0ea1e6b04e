import { execute, type MigrationDb, REF, withId } from './schema-helpers.ts';

export async function up(db: MigrationDb): Promise<void> {
  await withId(db, db.schema.createTable('inbound_messages'))
    .addColumn('message_id', 'text', (col) => col.notNull())
    .addColumn('from_address', 'text')
    .addColumn('subject', 'text')
    .addColumn('channel', 'text', (col) => col.notNull())
    .addColumn('mailbox_id', REF, (col) => col.references('mailboxes.id').onDelete('set null'))
    .addColumn('recipients', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('raw_sha256', 'text', (col) => col.notNull())
    .addColumn('raw_size', 'bigint', (col) => col.notNull())
    .addColumn('received_at', 'bigint', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('reason', 'text')
    .addColumn('ticket_id', REF, (col) => col.references('tickets.id').onDelete('set null'))
    .addColumn('entry_id', REF, (col) => col.references('thread_entries.id').onDelete('set null'))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('inbound_messages_status_idx')
    .on('inbound_messages')
    .columns(['status', 'id'])
    .execute();
  await db.schema
    .createIndex('inbound_messages_message_id_idx')
    .on('inbound_messages')
    .column('message_id')
    .execute();
  await db.schema
    .createIndex('inbound_messages_raw_idx')
    .on('inbound_messages')
    .column('raw_sha256')
    .execute();
  // One accepted row per Message-ID: two deliveries of one message racing each other cannot both be
  // accepted, whichever process loses the insert race records a duplicate instead.
  await execute(db, [
    `CREATE UNIQUE INDEX inbound_messages_accepted_uq ON inbound_messages (message_id) WHERE status = 'accepted'`,
  ]);
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('inbound_messages').execute();
}
