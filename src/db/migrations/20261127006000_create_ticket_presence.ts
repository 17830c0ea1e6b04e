import { type MigrationDb, REF } from './schema-helpers.ts';

// Who is on a ticket right now, for collision warnings. A row lives only as long as its agent keeps
// refreshing it (expires_at); readers ignore expired rows and a recurring task deletes them. Kept in the
// database rather than in memory so that every web process sees the same agents.
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('ticket_presence')
    .addColumn('ticket_id', REF, (col) => col.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('agent_id', REF, (col) => col.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('started_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('ticket_presence_pk', ['ticket_id', 'agent_id'])
    .execute();
  await db.schema
    .createIndex('ticket_presence_expires_idx')
    .on('ticket_presence')
    .column('expires_at')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('ticket_presence').execute();
}
