import { execute, isPostgres, type MigrationDb } from './schema-helpers.ts';

/**
 * SQLite: new and changed subjects and bodies reach the full-text index once per committed batch instead
 * of once per statement. FTS5 holds what a transaction indexes in memory and writes it out when the
 * transaction commits, but also whenever a savepoint opens, and a statement that may need undoing (an
 * upsert, a RETURNING) opens one: with the index fed by per-row triggers, every new ticket flushed it
 * several times, a new segment each time, and the full-text index cost nine tenths of creating a ticket.
 * The triggers now list the row in search_backlog; src/db/search-backlog.ts indexes the list and empties
 * it just before each COMMIT, in the same transaction, so nothing is committed without its index entries.
 * A row deleted or changed while it waits is only taken off the list, or left on it: the list holds ids,
 * and the index is fed the row as it is at the end. PostgreSQL needs nothing here: its tsvectors are
 * generated columns.
 */
export async function up(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) return;
  await execute(db, [
    `CREATE TABLE search_backlog (source text NOT NULL, row_id integer NOT NULL, PRIMARY KEY (source, row_id))
       WITHOUT ROWID`,
    ...dropTriggers(),
    ...deferredTriggers('tickets', 'ticket', 'ticket_subject_fts', 'subject'),
    ...deferredTriggers('thread_entries', 'entry', 'thread_entry_fts', 'body_text'),
  ]);
}

/** Drops the full-text triggers of both tables, whichever kind they are. */
function dropTriggers(): string[] {
  return ['tickets', 'thread_entries'].flatMap((table) =>
    ['insert', 'update', 'delete'].map((event) => `DROP TRIGGER ${table}_fts_${event}`),
  );
}

function deferredTriggers(table: string, source: string, index: string, column: string): string[] {
  const waiting = `(SELECT 1 FROM search_backlog WHERE source = '${source}' AND row_id = old.id)`;
  return [
    `CREATE TRIGGER ${table}_fts_insert AFTER INSERT ON ${table} BEGIN
       INSERT INTO search_backlog(source, row_id) VALUES ('${source}', new.id);
     END`,
    `CREATE TRIGGER ${table}_fts_update AFTER UPDATE OF ${column} ON ${table} BEGIN
       DELETE FROM ${index} WHERE rowid = old.id AND NOT EXISTS ${waiting};
       INSERT OR IGNORE INTO search_backlog(source, row_id) VALUES ('${source}', new.id);
     END`,
    `CREATE TRIGGER ${table}_fts_delete AFTER DELETE ON ${table} BEGIN
       DELETE FROM ${index} WHERE rowid = old.id AND NOT EXISTS ${waiting};
       DELETE FROM search_backlog WHERE source = '${source}' AND row_id = old.id;
     END`,
  ];
}

export async function down(db: MigrationDb): Promise<void> {
  if (isPostgres(db)) return;
  await execute(db, [
    `INSERT INTO ticket_subject_fts(rowid, subject) SELECT t.id, t.subject FROM search_backlog b
       JOIN tickets t ON t.id = b.row_id WHERE b.source = 'ticket'`,
    `INSERT INTO thread_entry_fts(rowid, body) SELECT e.id, e.body_text FROM search_backlog b
       JOIN thread_entries e ON e.id = b.row_id WHERE b.source = 'entry'`,
    ...dropTriggers(),
    'DROP TABLE search_backlog',
    ...immediateTriggers('tickets', 'ticket_subject_fts', 'subject', 'subject'),
    ...immediateTriggers('thread_entries', 'thread_entry_fts', 'body', 'body_text'),
  ]);
}

// The triggers of migration 20261127000500, which indexed each row in its own statement.
function immediateTriggers(table: string, index: string, indexed: string, column: string): string[] {
  return [
    `CREATE TRIGGER ${table}_fts_insert AFTER INSERT ON ${table} BEGIN
       INSERT INTO ${index}(rowid, ${indexed}) VALUES (new.id, new.${column});
     END`,
    `CREATE TRIGGER ${table}_fts_update AFTER UPDATE OF ${column} ON ${table} BEGIN
       DELETE FROM ${index} WHERE rowid = old.id;
       INSERT INTO ${index}(rowid, ${indexed}) VALUES (new.id, new.${column});
     END`,
    `CREATE TRIGGER ${table}_fts_delete AFTER DELETE ON ${table} BEGIN
       DELETE FROM ${index} WHERE rowid = old.id;
     END`,
  ];
}
