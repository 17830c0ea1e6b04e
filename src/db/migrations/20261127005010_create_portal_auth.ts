import { type MigrationDb, REF } from './schema-helpers.ts';

export async function up(db: MigrationDb): Promise<void> {
  // Requesters sign in to the portal by emailed link; a password is theirs to add, so it may stay empty.
  await db.schema.alterTable('users').addColumn('password_hash', 'text').execute();

  // As with agents' sessions, the id is the SHA-256 of the cookie's token, never the token itself.
  await db.schema
    .createTable('portal_sessions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', REF, (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addColumn('last_seen_at', 'bigint', (col) => col.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('portal_sessions_user_idx').on('portal_sessions').column('user_id').execute();
  await db.schema
    .createIndex('portal_sessions_expires_idx')
    .on('portal_sessions')
    .column('expires_at')
    .execute();

  // One-time sign-in links; ticket_id is the ticket the link was asked for, where the portal opens.
  await db.schema
    .createTable('portal_login_tokens')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('user_id', REF, (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('ticket_id', REF, (col) => col.references('tickets.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('portal_login_tokens_expires_idx')
    .on('portal_login_tokens')
    .column('expires_at')
    .execute();
}

export async function down(db: MigrationDb): Promise<void> {
  await db.schema.dropTable('portal_login_tokens').execute();
  await db.schema.dropTable('portal_sessions').execute();
  await db.schema.alterTable('users').dropColumn('password_hash').execute();
}
