import { execute, isPostgres, type MigrationDb } from './schema-helpers.ts';

/**
 * Full-text search over ticket subjects and thread bodies, kept current by the database itself in the
 * writing transaction. SQLite: FTS5 tables fed by triggers, with prefix indexes so `cert` finds
 * `certificate` quickly. PostgreSQL: generated tsvector columns with GIN indexes, queried with `:*`
 * prefixes. The SQLite entry index is contentless and keyed by entry id (a contentless_unindexed
 * ticket_id column would save a join, but SQLite leaves its shadow table behind on DROP). Both use the 'simple' (unstemmed, accent-folded on SQLite) tokenization so a prefix means
 * the same thing on either database.
 */
export async function up(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) {
    await execute(db, [
      `ALTER TABLE tickets ADD COLUMN subject_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', subject)) STORED`,
      'CREATE INDEX tickets_subject_tsv_idx ON tickets USING gin (subject_tsv)',
      `ALTER TABLE thread_entries ADD COLUMN body_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', left(body_text, 200000))) STORED`,
      'CREATE INDEX thread_entries_body_tsv_idx ON thread_entries USING gin (body_tsv)',
    ]);
    return;
  }
  await execute(db, [
    `CREATE VIRTUAL TABLE ticket_subject_fts USING fts5(subject, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')`,
    `CREATE VIRTUAL TABLE thread_entry_fts USING fts5(body, content='',  contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')`,
    `CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN
       INSERT INTO ticket_subject_fts(rowid, subject) VALUES (new.id, new.subject);
     END`,
    `CREATE TRIGGER tickets_fts_update AFTER UPDATE OF subject ON tickets BEGIN
       DELETE FROM ticket_subject_fts WHERE rowid = old.id;
       INSERT INTO ticket_subject_fts(rowid, subject) VALUES (new.id, new.subject);
     END`,
    `CREATE TRIGGER tickets_fts_delete AFTER DELETE ON tickets BEGIN
       DELETE FROM ticket_subject_fts WHERE rowid = old.id;
     END`,
    `CREATE TRIGGER thread_entries_fts_insert AFTER INSERT ON thread_entries BEGIN
       INSERT INTO thread_entry_fts(rowid, body) VALUES (new.id, new.body_text);
     END`,
    `CREATE TRIGGER thread_entries_fts_update AFTER UPDATE OF body_text ON thread_entries BEGIN
       DELETE FROM thread_entry_fts WHERE rowid = old.id;
       INSERT INTO thread_entry_fts(rowid, body) VALUES (new.id, new.body_text);
     END`,
    `CREATE TRIGGER thread_entries_fts_delete AFTER DELETE ON thread_entries BEGIN
       DELETE FROM thread_entry_fts WHERE rowid = old.id;
     END`,
  ]);
}

export async function down(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) {
    await execute(db, [
      'DROP INDEX thread_entries_body_tsv_idx',
      'ALTER TABLE thread_entries DROP COLUMN body_tsv',
      'DROP INDEX tickets_subject_tsv_idx',
      'ALTER TABLE tickets DROP COLUMN subject_tsv',
    ]);
    return;
  }
  await execute(db, [
    'DROP TRIGGER thread_entries_fts_delete',
    'DROP TRIGGER thread_entries_fts_update',
    'DROP TRIGGER thread_entries_fts_insert',
    'DROP TRIGGER tickets_fts_delete',
    'DROP TRIGGER tickets_fts_update',
    'DROP TRIGGER tickets_fts_insert',
    'DROP TABLE thread_entry_fts',
    'DROP TABLE ticket_subject_fts',
  ]);
}
