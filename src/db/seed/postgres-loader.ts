import type pg from 'pg';
import { LOADED_TABLES, type SeedTicket, shouldRebuildIndexes } from './model.ts';
import { type EncodedBatch, encodeBatch } from './postgres-batch.ts';

// One statement per batch: the ticket insert returns the new ids and every child insert joins its rows to
// them by ticket number, so the server writes a whole batch without waiting for the client in between.
// Entries and events are inserted in their generated order (ORDER BY the array position), since threads
// and timelines are read back in id order.
const INSERT_BATCH = `with t as (
    insert into tickets (number, subject, status_id, state, priority_id, source, user_id, organization_id,
      department_id, topic_id, assignee_agent_id, assignee_team_id, sla_plan_id, due_at, sla_paused_at,
      is_answered, is_overdue, created_at, updated_at, last_message_at, last_response_at, resolved_at,
      closed_at)
    select * from unnest($1::text[], $2::text[], $3::bigint[], $4::text[], $5::bigint[], $6::text[],
      $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[],
      $14::bigint[], $15::bigint[], $16::int[], $17::int[], $18::bigint[], $19::bigint[], $20::bigint[],
      $21::bigint[], $22::bigint[], $23::bigint[])
    returning id, number
  ), tags as (
    insert into ticket_tags (ticket_id, tag)
    select t.id, x.tag from unnest($24::text[], $25::text[]) as x(number, tag) join t on t.number = x.number
  ), e as (
    insert into thread_entries (ticket_id, type, author_type, author_agent_id, author_user_id, author_name,
      body_html, body_text, created_at)
    select t.id, x.type, x.author_type, x.author_agent_id, x.author_user_id, x.author_name, x.body_html,
      x.body_text, x.created_at
    from unnest($26::text[], $27::text[], $28::text[], $29::bigint[], $30::bigint[], $31::text[],
      $32::text[], $33::text[], $34::bigint[]) with ordinality
      as x(number, type, author_type, author_agent_id, author_user_id, author_name, body_html, body_text,
        created_at, position)
    join t on t.number = x.number
    order by x.position
    returning id, ticket_id, type
  ), r as (
    insert into resolutions (ticket_id, entry_id, problem, action_taken, confirmation, next_steps, code,
      agent_id, created_at, outcome, outcome_at)
    select t.id, e.id, x.problem, x.action_taken, x.confirmation, x.next_steps, x.code, x.agent_id,
      x.created_at, x.outcome, x.outcome_at
    from unnest($35::text[], $36::text[], $37::text[], $38::text[], $39::text[], $40::text[], $41::bigint[],
      $42::bigint[], $43::text[], $44::bigint[])
      as x(number, problem, action_taken, confirmation, next_steps, code, agent_id, created_at, outcome,
        outcome_at)
    join t on t.number = x.number
    join e on e.ticket_id = t.id and e.type = 'resolution'
  ), v as (
    insert into events (ticket_id, type, actor_type, actor_agent_id, actor_user_id, data, created_at)
    select t.id, x.type, x.actor_type, x.actor_agent_id, x.actor_user_id, x.data, x.created_at
    from unnest($45::text[], $46::text[], $47::text[], $48::bigint[], $49::bigint[], $50::text[],
      $51::bigint[]) with ordinality
      as x(number, type, actor_type, actor_agent_id, actor_user_id, data, created_at, position)
    join t on t.number = x.number
    order by x.position
  )
  select count(*)::int as tickets from t`;

export interface PostgresLoaderOptions {
  /** Drop the secondary and search indexes for the load and build them once at the end. */
  rebuildIndexes: boolean | 'auto';
  /** How many tickets this run adds (for the 'auto' decision). */
  tickets: number;
}

/**
 * Writes generated tickets into PostgreSQL as multi-row inserts from `unnest` arrays, one statement per
 * batch. For a large load the secondary and GIN indexes are dropped and rebuilt in the same transaction
 * (building a GIN index once is far cheaper than maintaining it row by row), and so are the foreign keys
 * of the loaded tables, as pg_restore does: each row's checks cost about 40% of the load, and adding a
 * key back checks every row in one join. Then the tables are vacuumed and analyzed.
 */
export class PostgresTicketLoader {
  private droppedIndexes: string[] = [];
  private droppedForeignKeys: string[] = [];
  private isSingleTransaction = false;

  constructor(
    private readonly client: pg.PoolClient,
    private readonly pool: pg.Pool,
    private readonly options: PostgresLoaderOptions,
  ) {}

  /**
   * Reserves `count` ticket numbers from the sequence the API numbers tickets with. It asks through
   * another connection: on the loading one it would wait behind the batch being written, and the next
   * batch could not be generated meanwhile (sequences are not transactional, so any connection will do).
   */
  async reserveNumbers(count: number): Promise<string[]> {
    const result = await this.pool.query<{ value: string }>(
      "select nextval('ticket_number_seq')::text as value from generate_series(1, $1)",
      [count],
    );
    return result.rows.map((row) => row.value);
  }

  /**
   * Starts the load; for a large one, opens its single transaction and drops the indexes and foreign keys
   * it will put back.
   */
  async begin(): Promise<void> {
    const existing = await this.client.query<{ count: string }>(
      'select count(*)::text as count from tickets',
    );
    const count = Number(existing.rows[0]?.count ?? 0);
    if (!shouldRebuildIndexes(this.options.rebuildIndexes, this.options.tickets, count)) return;
    await this.client.query('begin');
    this.isSingleTransaction = true;
    await this.client.query("set local maintenance_work_mem = '256MB'");
    // Only plain indexes: those behind primary keys and unique constraints keep guarding the load.
    const indexes = await this.client.query<{ name: string; definition: string }>(
      `select i.indexname as name, i.indexdef as definition
         from pg_indexes i
         join pg_class c on c.relname = i.indexname and c.relnamespace = (select oid from pg_namespace where nspname = i.schemaname)
        where i.schemaname = current_schema() and i.tablename = any($1)
          and not exists (select 1 from pg_constraint k where k.conindid = c.oid)`,
      [LOADED_TABLES],
    );
    for (const index of indexes.rows) {
      await this.client.query(`drop index "${index.name}"`);
      this.droppedIndexes.push(index.definition);
    }
    const foreignKeys = await this.client.query<{ table: string; name: string; definition: string }>(
      `select c.relname as table, k.conname as name, pg_get_constraintdef(k.oid) as definition
         from pg_constraint k
         join pg_class c on c.oid = k.conrelid
        where k.contype = 'f' and c.relnamespace = current_schema()::regnamespace and c.relname = any($1)`,
      [LOADED_TABLES],
    );
    for (const key of foreignKeys.rows) {
      await this.client.query(`alter table "${key.table}" drop constraint "${key.name}"`);
      this.droppedForeignKeys.push(
        `alter table "${key.table}" add constraint "${key.name}" ${key.definition}`,
      );
    }
  }

  /** Encodes a batch for sending; done while the previous batch is still being written. */
  prepare(tickets: SeedTicket[]): EncodedBatch {
    return encodeBatch(tickets);
  }

  /** Writes one encoded batch of tickets with everything they hold, in one statement. */
  async write(batch: EncodedBatch): Promise<void> {
    const result = await this.client.query<{ tickets: number }>(INSERT_BATCH, batch.params);
    if (result.rows[0]?.tickets !== batch.size) {
      throw new Error(`Wrote ${result.rows[0]?.tickets ?? 0} of ${batch.size} tickets`);
    }
  }

  /**
   * Ends the load: rebuilds dropped indexes, adds the foreign keys back (which checks every row, and a
   * violation rolls the whole load back) and commits, then refreshes statistics and visibility.
   */
  async finish(): Promise<void> {
    if (this.isSingleTransaction) {
      for (const definition of this.droppedIndexes) await this.client.query(definition);
      for (const definition of this.droppedForeignKeys) await this.client.query(definition);
      await this.client.query('commit');
      this.isSingleTransaction = false;
      this.droppedIndexes = [];
      this.droppedForeignKeys = [];
    }
    await this.client.query(`vacuum (analyze) ${[...LOADED_TABLES, 'users', 'user_emails'].join(', ')}`);
  }

  /** Gives up an unfinished load; in single-transaction mode the rollback restores what was dropped. */
  async abort(): Promise<void> {
    if (this.isSingleTransaction) await this.client.query('rollback');
    this.isSingleTransaction = false;
    this.droppedIndexes = [];
    this.droppedForeignKeys = [];
  }
}
