import { type MigrationDb, REF } from './schema-helpers.ts';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('ticket_collaborators')
    .addColumn('ticket_id', REF, (col) => col.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('user_id', REF, (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addPrimaryKeyConstraint('ticket_collaborators_pk', ['ticket_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('ticket_collaborators_user_idx')
    .on('ticket_collaborators')
    .column('user_id')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('ticket_collaborators').execute();
}
