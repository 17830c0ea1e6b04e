import { type MigrationDb, REF } from './schema-helpers.ts';

// One-time links that let an invited agent choose a password. As with sessions, the key is the SHA-256
// of the emailed token, so a database leak does not hand out working links.
export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('agent_invites')
    .addColumn('token_hash', 'text', (col) => col.primaryKey())
    .addColumn('agent_id', REF, (col) => col.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema.createIndex('agent_invites_agent_idx').on('agent_invites').column('agent_id').execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('agent_invites').execute();
}
