import type SqliteDatabase from 'better-sqlite3';

/**
 * SQLite's full-text index is fed in bulk: triggers list new and changed rows in search_backlog
 * (migration 20261127009800) and this indexes them and empties the list. The SQLite driver calls it just
 * before every COMMIT, inside the transaction, so the index is exactly as current as the committed rows and
 * FTS5 writes one segment per commit rather than several per ticket.
 */
const DRAIN = [
  `INSERT INTO ticket_subject_fts(rowid, subject)
     SELECT t.id, t.subject FROM search_backlog b JOIN tickets t ON t.id = b.row_id WHERE b.source = 'ticket'`,
  `INSERT INTO thread_entry_fts(rowid, body)
     SELECT e.id, e.body_text FROM search_backlog b JOIN thread_entries e ON e.id = b.row_id
     WHERE b.source = 'entry'`,
  'DELETE FROM search_backlog',
];

interface Drainer {
  schemaVersion: SqliteDatabase.Statement;
  hasBacklogTable: SqliteDatabase.Statement;
  /** The schema version whose tables were last looked at. */
  checkedVersion: number | null;
  /** Prepared while the table exists. */
  statements: { isEmpty: SqliteDatabase.Statement; drain: SqliteDatabase.Statement[] } | null;
}

const drainers = new WeakMap<SqliteDatabase.Database, Drainer>();

function drainerOf(sqlite: SqliteDatabase.Database): Drainer {
  let drainer = drainers.get(sqlite);
  if (!drainer) {
    drainer = {
      schemaVersion: sqlite.prepare('PRAGMA schema_version').pluck(),
      hasBacklogTable: sqlite.prepare(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_backlog'",
      ),
      checkedVersion: null,
      statements: null,
    };
    drainers.set(sqlite, drainer);
  }
  return drainer;
}

/**
 * Indexes every row waiting in search_backlog and empties it, in the caller's transaction. Does nothing
 * before the migration that creates the list has run (or after it was rolled back). Whether the table
 * exists is looked up again only when the schema changed, which SQLite counts in its schema version.
 */
export function drainSearchBacklog(sqlite: SqliteDatabase.Database): void {
  const drainer = drainerOf(sqlite);
  const version = drainer.schemaVersion.get() as number;
  if (version !== drainer.checkedVersion) {
    drainer.checkedVersion = version;
    drainer.statements = drainer.hasBacklogTable.get()
      ? {
          isEmpty: sqlite.prepare('SELECT NOT EXISTS (SELECT 1 FROM search_backlog) AS empty'),
          drain: DRAIN.map((statement) => sqlite.prepare(statement)),
        }
      : null;
  }
  if (!drainer.statements) return;
  if ((drainer.statements.isEmpty.get() as { empty: number }).empty) return;
  for (const statement of drainer.statements.drain) statement.run();
}
