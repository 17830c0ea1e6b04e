import { execute, isPostgres, type MigrationDb } from './schema-helpers.ts';

/**
 * SQLite: read-only views of the full-text vocabularies, one row per occurrence of each word. A search
 * reads the few words a long prefix stands for (`certif` -> certificate, certified) by seeking in them,
 * because FTS5 answers a prefix query without a prefix index by merging the lists of all those words on
 * every call, too costly to repeat per probed ticket. They store nothing. PostgreSQL needs nothing here.
 */
export async function up(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) return;
  await execute(db, [
    `CREATE VIRTUAL TABLE ticket_subject_vocab USING fts5vocab(ticket_subject_fts, 'instance')`,
    `CREATE VIRTUAL TABLE thread_entry_vocab USING fts5vocab(thread_entry_fts, 'instance')`,
  ]);
}

export async function down(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) return;
  await execute(db, ['DROP TABLE thread_entry_vocab', 'DROP TABLE ticket_subject_vocab']);
}
