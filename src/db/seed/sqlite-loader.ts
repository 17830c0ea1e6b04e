import type BetterSqlite3 from 'better-sqlite3';
import { drainSearchBacklog } from '../search-backlog.ts';
import { LOADED_TABLES, type SeedTicket, shouldRebuildIndexes } from './model.ts';

type Statement = BetterSqlite3.Statement<unknown[]>;

// The full-text insert triggers of migration 20261127009800, exactly; the bulk path is taken only while
// the schema still has these, so that the rebuild below indexes what the backlog would have.
const FTS_INSERT_TRIGGERS: Record<string, { sql: string; fts: string; rebuild: string }> = {
  tickets_fts_insert: {
    fts: 'ticket_subject_fts',
    sql: "CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN INSERT INTO search_backlog(source, row_id) VALUES ('ticket', new.id); END",
    rebuild:
      'INSERT INTO ticket_subject_fts(rowid, subject) SELECT id, subject FROM tickets WHERE id > ? ORDER BY id',
  },
  thread_entries_fts_insert: {
    fts: 'thread_entry_fts',
    sql: "CREATE TRIGGER thread_entries_fts_insert AFTER INSERT ON thread_entries BEGIN INSERT INTO search_backlog(source, row_id) VALUES ('entry', new.id); END",
    rebuild:
      'INSERT INTO thread_entry_fts(rowid, body) SELECT id, body_text FROM thread_entries WHERE id > ? ORDER BY id',
  },
};

const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

// FTS5 writes what it has indexed out as a new segment, and merges segments, whenever its pending terms
// pass `hashsize` (1 MB by default). Indexing the load with 64 MB writes a few large segments instead of
// hundreds of small ones to merge: 4.5 s instead of 8.5 s for the 311,000 entries of 100,000 tickets.
const DEFAULT_FTS_HASHSIZE = 1024 * 1024;
const BULK_FTS_HASHSIZE = 64 * 1024 * 1024;

export type FtsMode = 'triggers' | 'bulk';

/**
 * Writes generated tickets into SQLite with prepared statements. In trigger mode each batch is one
 * transaction and the full-text triggers list the rows, indexed before it commits. In bulk mode (the default) the
 * full-text insert triggers are dropped for the load and the new rows indexed in one pass at the end, all
 * inside a single transaction, so an interrupted run leaves neither rows without their index entries nor
 * a schema without its triggers.
 */
export class SqliteTicketLoader {
  private readonly insertTicket: Statement;
  private readonly insertTag: Statement;
  private readonly insertEntry: Statement;
  private readonly insertResolution: Statement;
  private readonly insertEvent: Statement;
  private readonly writeBatch: (tickets: SeedTicket[]) => void;
  private suspended: { name: string; sql: string; fts: string; rebuild: string; afterId: number }[] = [];
  private droppedIndexes: string[] = [];

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    readonly ftsMode: FtsMode,
    private readonly indexes: { rebuild: boolean | 'auto'; tickets: number },
  ) {
    this.insertTicket = sqlite.prepare(`insert into tickets (number, subject, status_id, state, priority_id,
      source, user_id, organization_id, department_id, topic_id, assignee_agent_id, assignee_team_id,
      sla_plan_id, due_at, sla_paused_at, is_answered, is_overdue, fields, created_at, updated_at,
      last_message_at, last_response_at, resolved_at, closed_at, reopened_at, deleted_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?, null, null)`);
    this.insertTag = sqlite.prepare('insert into ticket_tags (ticket_id, tag) values (?, ?)');
    this.insertEntry = sqlite.prepare(`insert into thread_entries (ticket_id, type, author_type,
      author_agent_id, author_user_id, author_name, body_html, body_text, email_message_id, email_meta,
      created_at) values (?, ?, ?, ?, ?, ?, ?, ?, null, null, ?)`);
    this.insertResolution = sqlite.prepare(`insert into resolutions (ticket_id, entry_id, problem,
      action_taken, confirmation, next_steps, code, agent_id, created_at, outcome, outcome_at)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertEvent = sqlite.prepare(`insert into events (ticket_id, type, actor_type, actor_agent_id,
      actor_user_id, data, created_at) values (?, ?, ?, ?, ?, ?, ?)`);
    this.writeBatch = sqlite.transaction((tickets: SeedTicket[]) => {
      for (const ticket of tickets) this.writeTicket(ticket);
      drainSearchBacklog(sqlite);
    });
  }

  /** Reserves `count` ticket numbers from the counter the API numbers tickets with. */
  reserveNumbers(count: number): string[] {
    const row = this.sqlite
      .prepare("update sequences set value = value + ? where name = 'ticket_number' returning value")
      .get(count) as { value: number } | undefined;
    if (!row) throw new Error('The ticket_number sequence is missing; run the default setup first');
    const first = Number(row.value) - count + 1;
    return Array.from({ length: count }, (_, i) => String(first + i));
  }

  /**
   * Starts the load: in bulk mode, opens the one transaction and takes the full-text triggers out, and for
   * a large load the secondary indexes of the loaded tables.
   */
  begin(): void {
    if (this.ftsMode !== 'bulk') return;
    const triggers = this.sqlite
      .prepare("select name, sql from sqlite_master where type = 'trigger' and name in (?, ?)")
      .all(...Object.keys(FTS_INSERT_TRIGGERS)) as { name: string; sql: string }[];
    const known = triggers.filter((t) => normalize(t.sql) === FTS_INSERT_TRIGGERS[t.name]?.sql);
    if (known.length !== Object.keys(FTS_INSERT_TRIGGERS).length) {
      throw new Error(
        'The full-text triggers differ from the ones the bulk load knows; use the trigger mode',
      );
    }
    this.sqlite.exec('begin immediate');
    for (const trigger of known) {
      const table = trigger.name.startsWith('tickets') ? 'tickets' : 'thread_entries';
      const max = this.sqlite.prepare(`select coalesce(max(id), 0) as id from ${table}`).get() as {
        id: number;
      };
      this.suspended.push({
        ...trigger,
        fts: FTS_INSERT_TRIGGERS[trigger.name]!.fts,
        rebuild: FTS_INSERT_TRIGGERS[trigger.name]!.rebuild,
        afterId: max.id,
      });
      this.sqlite.exec(`drop trigger ${trigger.name}`);
    }
    // Secondary indexes (not those behind primary keys and unique constraints, which have no SQL of their
    // own) are built again at the end of a large load: sorting once is cheaper than inserting each row in
    // random order (2:22 instead of 3:20 of writing for a million tickets, and 30 s more to build them).
    const existing = this.sqlite.prepare('select count(*) as count from tickets').get() as { count: number };
    if (!shouldRebuildIndexes(this.indexes.rebuild, this.indexes.tickets, existing.count)) return;
    const indexes = this.sqlite
      .prepare(
        `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${LOADED_TABLES.map(() => '?').join(', ')})`,
      )
      .all(...LOADED_TABLES) as { name: string; sql: string }[];
    for (const index of indexes) {
      this.sqlite.exec(`drop index "${index.name}"`);
      this.droppedIndexes.push(index.sql);
    }
  }

  /** Nothing to prepare: rows are bound to prepared statements as they are written. */
  prepare(tickets: SeedTicket[]): SeedTicket[] {
    return tickets;
  }

  /** Writes one batch of tickets with everything they hold. */
  write(tickets: SeedTicket[]): void {
    if (this.ftsMode === 'bulk') for (const ticket of tickets) this.writeTicket(ticket);
    else this.writeBatch(tickets);
  }

  /** Ends the load: indexes the new rows for search, puts the triggers back and commits (bulk mode). */
  finish(): void {
    if (this.ftsMode !== 'bulk') return;
    for (const definition of this.droppedIndexes) this.sqlite.exec(definition);
    this.droppedIndexes = [];
    for (const trigger of this.suspended) {
      // The option is stored with the index: the value it had is put back (SQLite's default if none).
      const stored = this.sqlite.prepare(`select v from ${trigger.fts}_config where k = 'hashsize'`).get() as
        | { v: number }
        | undefined;
      this.setFtsHashSize(trigger.fts, BULK_FTS_HASHSIZE);
      this.sqlite.prepare(trigger.rebuild).run(trigger.afterId);
      this.setFtsHashSize(trigger.fts, stored ? Number(stored.v) : DEFAULT_FTS_HASHSIZE);
      this.sqlite.exec(trigger.sql);
    }
    this.suspended = [];
    this.sqlite.exec('commit');
  }

  /** FTS5 takes the option as an integer literal: a bound JavaScript number arrives as a real and is refused. */
  private setFtsHashSize(fts: string, bytes: number): void {
    this.sqlite.exec(`insert into ${fts}(${fts}, rank) values ('hashsize', ${Math.trunc(bytes)})`);
  }

  /** Gives up an unfinished bulk load, restoring the schema as it was. */
  abort(): void {
    if (this.ftsMode === 'bulk' && this.sqlite.inTransaction) this.sqlite.exec('rollback');
    this.suspended = [];
    this.droppedIndexes = [];
  }

  private writeTicket(t: SeedTicket): void {
    const ticketId = Number(
      this.insertTicket.run(
        t.number,
        t.subject,
        t.statusId,
        t.state,
        t.priorityId,
        t.source,
        t.userId,
        t.organizationId,
        t.departmentId,
        t.topicId,
        t.assigneeAgentId,
        t.assigneeTeamId,
        t.slaPlanId,
        t.dueAt,
        t.slaPausedAt,
        t.isAnswered,
        t.isOverdue,
        t.createdAt,
        t.updatedAt,
        t.lastMessageAt,
        t.lastResponseAt,
        t.resolvedAt,
        t.closedAt,
      ).lastInsertRowid,
    );
    for (const tag of t.tags) this.insertTag.run(ticketId, tag);
    for (const e of t.entries) {
      const entryId = this.insertEntry.run(
        ticketId,
        e.type,
        e.authorType,
        e.authorAgentId,
        e.authorUserId,
        e.authorName,
        e.bodyHtml,
        e.bodyText,
        e.createdAt,
      ).lastInsertRowid;
      const r = e.resolution;
      if (r) {
        this.insertResolution.run(
          ticketId,
          entryId,
          r.problem,
          r.actionTaken,
          r.confirmation,
          r.nextSteps,
          r.code,
          r.agentId,
          r.createdAt,
          r.outcome,
          r.outcomeAt,
        );
      }
    }
    for (const v of t.events) {
      this.insertEvent.run(ticketId, v.type, v.actorType, v.actorAgentId, v.actorUserId, v.data, v.createdAt);
    }
  }
}
