import { execute, isPostgres, type MigrationDb } from './schema-helpers.ts';

// PostgreSQL only: wakes every web process's live feed as soon as a ticket event, a thread entry or a
// presence change commits (NOTIFY is delivered at commit, and repeats within one transaction collapse).
// The feed still reads the tables themselves; the notification only says "look now". Presence refreshes
// that keep the same state do not notify, or every refresh of every agent would wake every process.
// SQLite has no such channel: its feed polls.
export async function up(db: MigrationDb): Promise<void> {
  if (!isPostgres(db)) return;
  await execute(db, [
    `CREATE FUNCTION tessera_live_notify() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       PERFORM pg_notify('tessera_live', TG_TABLE_NAME);
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER events_live_notify AFTER INSERT ON events
       FOR EACH STATEMENT EXECUTE FUNCTION tessera_live_notify()`,
    `CREATE TRIGGER thread_entries_live_notify AFTER INSERT ON thread_entries
       FOR EACH STATEMENT EXECUTE FUNCTION tessera_live_notify()`,
    `CREATE TRIGGER ticket_presence_live_notify_rows AFTER INSERT OR DELETE ON ticket_presence
       FOR EACH ROW EXECUTE FUNCTION tessera_live_notify()`,
    `CREATE TRIGGER ticket_presence_live_notify_update AFTER UPDATE ON ticket_presence
       FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state) EXECUTE FUNCTION tessera_live_notify()`,
  ]);
}

export async function down(db: MigrationDb): Promise<void> {
  if (!isPostgres(db)) return;
  await execute(db, [
    'DROP TRIGGER ticket_presence_live_notify_update ON ticket_presence',
    'DROP TRIGGER ticket_presence_live_notify_rows ON ticket_presence',
    'DROP TRIGGER thread_entries_live_notify ON thread_entries',
    'DROP TRIGGER events_live_notify ON events',
    'DROP FUNCTION tessera_live_notify()',
  ]);
}
