import {
  type AliasedExpression,
  type Expression,
  type ExpressionBuilder,
  type RawBuilder,
  type Selectable,
  type SqlBool,
  sql,
} from 'kysely';
import type { Database, Db, DialectName, TicketsTable } from '../database.ts';
import { precompiled } from '../precompiled.ts';
import {
  canWalk,
  isRare,
  matchingTicketIds,
  type PreparedSearch,
  prepareSearch,
  rowMatches,
  type TicketSearch,
  walkInStages,
} from './ticket-search.repository.ts';
import { TICKET_FIELDS, type TicketRecord, toTicketRecord } from './tickets.repository.ts';

/** A ticket with the names of everything it points at, as the API shows it. */
export interface TicketView extends TicketRecord {
  statusName: string;
  priorityKey: string;
  priorityName: string;
  requesterName: string;
  requesterEmail: string | null;
  organizationName: string | null;
  departmentName: string;
  topicName: string | null;
  assigneeName: string | null;
  teamName: string | null;
  slaPlanName: string | null;
}

const TICKET_COLUMNS = TICKET_FIELDS.map((field) => `tickets.${field}` as const);
const WALKED_COLUMNS = TICKET_FIELDS.map((field) => `w.${field}` as const);

function nameOf<T>(table: string, column: string, key: string): RawBuilder<T> {
  return sql.raw<T>(`(select ${table}.${column} from ${table} where ${table}.id = t.${key})`);
}

/**
 * The names a view shows, each a primary-key lookup per row of the page `t`. Correlated subqueries rather
 * than joins: PostgreSQL plans each on its own, where an eleven-table join had it search join orders on
 * every request (planning took 15-45 ms against 0.5 ms of execution), and they run for the page's rows only.
 * Fixed text, built once: compiling them is a copy.
 */
const NAME_COLUMNS = [
  nameOf<string>('ticket_statuses', 'name', 'status_id').as('status_name'),
  nameOf<string>('priorities', 'key', 'priority_id').as('priority_key'),
  nameOf<string>('priorities', 'name', 'priority_id').as('priority_name'),
  nameOf<string>('users', 'name', 'user_id').as('requester_name'),
  sql
    .raw<string | null>(
      `(select user_emails.address from user_emails
        where user_emails.user_id = t.user_id and user_emails.is_primary = 1
        order by user_emails.id limit 1)`,
    )
    .as('requester_email'),
  nameOf<string | null>('organizations', 'name', 'organization_id').as('organization_name'),
  nameOf<string>('departments', 'name', 'department_id').as('department_name'),
  nameOf<string | null>('help_topics', 'name', 'topic_id').as('topic_name'),
  nameOf<string | null>('agents', 'name', 'assignee_agent_id').as('assignee_name'),
  nameOf<string | null>('teams', 'name', 'assignee_team_id').as('team_name'),
  nameOf<string | null>('sla_plans', 'name', 'sla_plan_id').as('sla_plan_name'),
];

async function tagsByTicket(db: Db, ids: number[]): Promise<Map<number, string[]>> {
  const tags = new Map<number, string[]>();
  if (ids.length === 0) return tags;
  const rows = await db
    .selectFrom('ticket_tags')
    .select(['ticket_id', 'tag'])
    .where('ticket_id', 'in', ids)
    .orderBy('tag')
    .execute();
  for (const row of rows) tags.set(row.ticket_id, [...(tags.get(row.ticket_id) ?? []), row.tag]);
  return tags;
}

export type TicketSortColumn = 'updated_at' | 'created_at' | 'due_at' | 'id';

type Sort = { column: TicketSortColumn; direction: 'asc' | 'desc' };

export interface TicketListQuery {
  states?: string[];
  statusId?: number;
  departmentId?: number;
  /** An agent id, or null for unassigned tickets. */
  assigneeAgentId?: number | null;
  teamId?: number;
  /** Tickets assigned to any of these teams (none: no ticket). */
  teamIds?: number[];
  priorityKey?: string;
  topicId?: number;
  userId?: number;
  organizationId?: number;
  isOverdue?: boolean;
  tags?: string[];
  /** Words to find by prefix in subjects and thread bodies; `raw` also matches a ticket number exactly. */
  search?: TicketSearch;
  sort: Sort;
  /** Keyset position: the sort value and id of the last ticket of the previous page. */
  after?: { value: number; id: number };
  limit: number;
  visibility: 'all' | { departmentIds: number[]; agentId: number; teamIds: number[] };
}

// Tickets without a due time sort after every dated one.
const NO_DUE = Number.MAX_SAFE_INTEGER;

function sortExpression(column: TicketSortColumn) {
  return column === 'due_at'
    ? sql<number>`coalesce(tickets.due_at, ${sql.lit(NO_DUE)})`
    : sql<number>`tickets.${sql.ref(column)}`;
}

/** The sort value of a ticket, for building the next page's cursor. */
export function sortValueOf(ticket: TicketRecord, column: TicketSortColumn): number {
  if (column === 'due_at') return ticket.dueAt ?? NO_DUE;
  if (column === 'created_at') return ticket.createdAt;
  if (column === 'id') return ticket.id;
  return ticket.updatedAt;
}

/** What narrows a ticket list or count: the filters, the search and the agent's visibility. */
export type TicketFilter = Omit<TicketListQuery, 'sort' | 'after' | 'limit'>;

/**
 * How search picks its plan; tests set these so that every path runs on a handful of tickets.
 * walkRows: how many tickets, in sort order, the first stage of a walk tests (see walkInStages).
 * rareMatches: with at most this many matching subjects and entries a search takes every match straight
 * away; unset, the number where both plans cost alike for the table's size (about 2,600 at 100,000
 * tickets, 7,100 at a million).
 * walkPerMatch: a walk goes on while it has tested at most this many tickets per matching subject or
 * entry; a walked ticket and a taken match cost about alike (2 to 5 us and 1 to 4 us at a million).
 */
export const searchTuning: { walkRows: number; rareMatches?: number | undefined; walkPerMatch: number } = {
  walkRows: 20_000,
  walkPerMatch: 1,
};

// One condition for lists and counts, so a queue's count always agrees with its list. The states come
// apart from the filter so that a list can scan one state at a time.
function filterCondition(
  eb: ExpressionBuilder<Database, 'tickets'>,
  query: TicketFilter,
  states: string[] | undefined,
): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [eb('tickets.deleted_at', 'is', null)];
  // States and the overdue flag are written into the SQL: their tickets differ in number by orders of
  // magnitude (a few open, millions closed), and a cached generic plan that cannot see which one is asked
  // for would scan the table for the rare ones.
  if (states && states.length > 0)
    and.push(
      eb(
        'tickets.state',
        'in',
        states.map((state) => sql.lit(state)),
      ),
    );
  if (query.statusId !== undefined) and.push(eb('tickets.status_id', '=', query.statusId));
  if (query.departmentId !== undefined) and.push(eb('tickets.department_id', '=', query.departmentId));
  if (query.assigneeAgentId === null) and.push(eb('tickets.assignee_agent_id', 'is', null));
  else if (query.assigneeAgentId !== undefined)
    and.push(eb('tickets.assignee_agent_id', '=', query.assigneeAgentId));
  if (query.teamId !== undefined) and.push(eb('tickets.assignee_team_id', '=', query.teamId));
  if (query.teamIds !== undefined)
    and.push(query.teamIds.length > 0 ? eb('tickets.assignee_team_id', 'in', query.teamIds) : eb.lit(false));
  // Keys are unique, so one id: compared with `=`, the planner sees a filter on one priority (about a
  // quarter of tickets) and keeps walking the queue's index in order, rather than joining priorities.
  if (query.priorityKey !== undefined)
    and.push(
      eb(
        'tickets.priority_id',
        '=',
        eb.selectFrom('priorities').select('priorities.id').where('priorities.key', '=', query.priorityKey),
      ),
    );
  if (query.topicId !== undefined) and.push(eb('tickets.topic_id', '=', query.topicId));
  if (query.userId !== undefined) and.push(eb('tickets.user_id', '=', query.userId));
  if (query.organizationId !== undefined) and.push(eb('tickets.organization_id', '=', query.organizationId));
  if (query.isOverdue !== undefined)
    and.push(eb('tickets.is_overdue', '=', sql.lit(query.isOverdue ? 1 : 0)));
  for (const tag of query.tags ?? []) {
    and.push(
      eb.exists(
        eb
          .selectFrom('ticket_tags')
          .select('ticket_tags.ticket_id')
          .whereRef('ticket_tags.ticket_id', '=', 'tickets.id')
          .where('ticket_tags.tag', '=', tag),
      ),
    );
  }
  const visibility = query.visibility;
  if (visibility !== 'all') {
    const ors = [eb('tickets.assignee_agent_id', '=', visibility.agentId)];
    if (visibility.departmentIds.length > 0)
      ors.push(eb('tickets.department_id', 'in', visibility.departmentIds));
    if (visibility.teamIds.length > 0) ors.push(eb('tickets.assignee_team_id', 'in', visibility.teamIds));
    and.push(eb.or(ors));
  }
  return eb.and(and);
}

// Past the keyset position, in sort order.
function keysetCondition(sort: Sort, after: NonNullable<TicketListQuery['after']>): Expression<SqlBool> {
  const key = sortExpression(sort.column);
  return sort.direction === 'desc'
    ? sql<SqlBool>`(${key}, tickets.id) < (${after.value}, ${after.id})`
    : sql<SqlBool>`(${key}, tickets.id) > (${after.value}, ${after.id})`;
}

interface PageOptions {
  sort: Sort;
  after?: TicketListQuery['after'];
  /** Rows to return; written into the SQL so that a cached generic plan still knows it is small. */
  limit: number;
  /** Only the tickets this condition admits (the ids of a search's matches). */
  among?: Expression<SqlBool>;
  /** PostgreSQL: carry subject_tsv out, for a match test above. */
  withSubjectVector?: boolean;
}

function filteredTickets(db: Db, filter: TicketFilter, states: string[] | undefined, options: PageOptions) {
  const { after, among } = options;
  return db
    .selectFrom('tickets')
    .select(TICKET_COLUMNS)
    .select([
      sortExpression(options.sort.column).as('sort_key'),
      (options.withSubjectVector ? sql<unknown>`tickets.subject_tsv` : sql<unknown>`null`).as('subject_tsv'),
    ])
    .where((eb) => filterCondition(eb, filter, states))
    .$if(after !== undefined, (query) => query.where(() => keysetCondition(options.sort, after!)))
    .$if(among !== undefined, (query) => query.where(() => among!));
}

function ticketRows(db: Db, filter: TicketFilter, states: string[] | undefined, options: PageOptions) {
  const direction = options.sort.direction;
  return filteredTickets(db, filter, states, options)
    .orderBy('sort_key', direction)
    .orderBy('tickets.id', direction)
    .limit(sql.lit(options.limit));
}

/**
 * The tickets passing the filters, in sort order, `limit` of them. With several states, one ordered scan
 * per state merged: a state list on the leading column of tickets_state_updated_idx would otherwise read
 * and sort every ticket of those states. Both databases merge lazily, each in its own way: SQLite a
 * compound whose ORDER BY it pushes into each branch, PostgreSQL (Merge Append) a union of ordered,
 * limited branches in a subquery.
 */
function orderedTickets<A extends string>(
  db: Db,
  dialect: DialectName,
  filter: TicketFilter,
  options: PageOptions,
  alias: A,
): AliasedExpression<PageRow, A> {
  const states = filter.states && [...new Set(filter.states)];
  if (!states || states.length <= 1 || options.among)
    return ticketRows(db, filter, states, options).as(alias);
  const direction = options.sort.direction;
  if (dialect === 'sqlite') {
    const [first, ...rest] = states.map((state) => filteredTickets(db, filter, [state], options));
    return rest
      .reduce((all, next) => all.unionAll(next), first!)
      .orderBy('sort_key', direction)
      .orderBy('id', direction)
      .limit(sql.lit(options.limit))
      .as(alias);
  }
  const [first, ...rest] = states.map((state, i) =>
    db.selectFrom(ticketRows(db, filter, [state], options).as(`state_${i}`)).selectAll(),
  );
  return db
    .selectFrom(rest.reduce((all, next) => all.unionAll(next), first!).as('by_state'))
    .selectAll()
    .orderBy('sort_key', direction)
    .orderBy('id', direction)
    .limit(sql.lit(options.limit))
    .as(alias);
}

/** A ticket row as the list queries carry it: its columns, its sort value and, for a match test, more. */
type PageRow = Selectable<TicketsTable> & { sort_key: number; subject_tsv: unknown };

/** The query of a page of ticket rows `t` with their names, in sort order. */
function pageRows(db: Db, page: AliasedExpression<PageRow, 't'>, sort: Sort) {
  return db
    .selectFrom(page)
    .selectAll('t')
    .select(NAME_COLUMNS)
    .orderBy('t.sort_key', sort.direction)
    .orderBy('t.id', sort.direction);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof pageRows>['execute']>>[number];

/** A page of ticket rows `t` with their names and tags, in sort order. */
async function viewsOf(db: Db, page: AliasedExpression<PageRow, 't'>, sort: Sort): Promise<TicketView[]> {
  return toViews(db, await pageRows(db, page, sort).execute());
}

async function toViews(db: Db, rows: ViewRow[]): Promise<TicketView[]> {
  const tags =
    rows.length === 1
      ? new Map([[rows[0]!.id, (await tagsOfOneTicket.execute(db, rows[0]!.id)).map((row) => row.tag)]])
      : await tagsByTicket(
          db,
          rows.map((row) => row.id),
        );
  return rows.map((row) => ({
    ...toTicketRecord(row, tags.get(row.id) ?? []),
    statusName: row.status_name,
    priorityKey: row.priority_key,
    priorityName: row.priority_name,
    requesterName: row.requester_name,
    requesterEmail: row.requester_email,
    organizationName: row.organization_name,
    departmentName: row.department_name,
    topicName: row.topic_name,
    assigneeName: row.assignee_name,
    teamName: row.team_name,
    slaPlanName: row.sla_plan_name,
  }));
}

const tagsOfOneTicket = precompiled((db: Db, ticketId: number) =>
  db.selectFrom('ticket_tags').select('tag').where('ticket_id', '=', ticketId).orderBy('tag'),
);

// One ticket with its names, by id or by number: the ticket page, and the answer to every change.
const VIEW_SORT: Sort = { column: 'id', direction: 'asc' };
function viewWhere<V extends number | string>(column: 'tickets.id' | 'tickets.number') {
  return precompiled((db: Db, value: V) =>
    pageRows(
      db,
      ticketRows(db, { visibility: 'all' }, undefined, { sort: VIEW_SORT, limit: 1 })
        .where(column, '=', value as never)
        .as('t'),
      VIEW_SORT,
    ),
  );
}
const viewById = viewWhere<number>('tickets.id');
const viewByNumber = viewWhere<string>('tickets.number');

export async function findTicketView(
  db: Db,
  by: { id: number } | { number: string },
): Promise<TicketView | null> {
  const rows = 'id' in by ? await viewById.execute(db, by.id) : await viewByNumber.execute(db, by.number);
  const [view] = await toViews(db, rows);
  return view ?? null;
}

type Position = NonNullable<TicketListQuery['after']>;

/**
 * The keyset position of the `n`th ticket passing the filters past `after`, in sort order; null when fewer
 * pass. Reads the sort index and the ticket rows only, no text.
 */
async function nthPosition(
  db: Db,
  dialect: DialectName,
  filter: TicketFilter,
  options: Pick<PageOptions, 'sort' | 'after'>,
  n: number,
): Promise<Position | null> {
  const direction = options.sort.direction;
  const row = await db
    .selectFrom(orderedTickets(db, dialect, filter, { ...options, limit: n }, 'c'))
    .select(['c.sort_key', 'c.id'])
    .orderBy('c.sort_key', direction)
    .orderBy('c.id', direction)
    .limit(1)
    .offset(sql.lit(n - 1))
    .executeTakeFirst();
  return row ? { value: Number(row.sort_key), id: Number(row.id) } : null;
}

// The next `limit` tickets a walk tests, as `w`, with what the match test reads.
function walkedTickets(db: Db, dialect: DialectName, filter: TicketFilter, options: PageOptions) {
  return orderedTickets(db, dialect, filter, { ...options, withSubjectVector: dialect === 'postgres' }, 'w');
}

/**
 * Tickets among a search's matches. PostgreSQL gets the ids as one array, computed first: the planner
 * then expects few and looks each up by primary key, where a join with the id set could be planned as a
 * scan of every ticket (the tsquery sits in an init plan, so nothing tells it the matches are few).
 */
function isMatch(search: PreparedSearch): Expression<SqlBool> {
  const ids = matchingTicketIds(search);
  return search.dialect === 'postgres'
    ? sql<SqlBool>`tickets.id = any(array${ids})`
    : sql<SqlBool>`tickets.id in ${ids}`;
}

// Sorts an index serves in order, so that a walk reads tickets one after another and can stop early; the
// others would sort every ticket that passes the filters before the first test.
const WALKABLE_SORTS: readonly TicketSortColumn[] = ['updated_at', 'id'];

// Taking every match and sorting it costs what the matches number; a rare search is cheap that way.
async function isBestMaterialized(db: Db, search: PreparedSearch, sort: Sort): Promise<boolean> {
  if (!canWalk(search) || !WALKABLE_SORTS.includes(sort.column)) return true;
  return (
    (await isRare(db, search, { limit: searchTuning.rareMatches, walkRows: searchTuning.walkRows })) === true
  );
}

/**
 * A page of search results. Common words: walk the tickets in sort order through the sort index and test
 * each, which finds a page after a few dozen tickets however many match (see walkInStages for when it
 * stops). Rare words: take every match and sort it, which is cheap exactly when matches are few.
 */
async function searchPage(db: Db, dialect: DialectName, query: TicketListQuery, search: TicketSearch) {
  const prepared = await prepareSearch(db, dialect, search);
  const sort = query.sort;
  const materialized = (after: Position | undefined, limit: number) => {
    const page = { sort, after, limit, among: isMatch(prepared) };
    return viewsOf(db, orderedTickets(db, dialect, query, page, 't'), sort);
  };
  const limit = query.limit + 1;
  if (await isBestMaterialized(db, prepared, sort)) return materialized(query.after, limit);
  const views: TicketView[] = [];
  const test = async (after: Position | undefined, rows: number, wanted: number) => {
    const walked = db
      .selectFrom(walkedTickets(db, dialect, query, { sort, after, limit: rows }))
      .select(WALKED_COLUMNS)
      .select(['w.sort_key', sql<unknown>`null`.as('subject_tsv')])
      .where(() => rowMatches(prepared, 'w'))
      .orderBy('w.sort_key', sort.direction)
      .orderBy('w.id', sort.direction)
      .limit(sql.lit(wanted))
      .as('t');
    const page = await viewsOf(db, walked, sort);
    views.push(...page);
    return page.length;
  };
  const rest = await walkInStages(db, prepared, query.after, limit, searchTuning, {
    test,
    positionAfter: (after, rows) => nthPosition(db, dialect, query, { sort, after }, rows),
  });
  if (rest) views.push(...(await materialized(rest, limit - views.length)));
  return views;
}

/** One page of tickets matching the filters, in keyset order; asks for one more to know if a page follows. */
export async function listTicketViews(
  db: Db,
  dialect: DialectName,
  query: TicketListQuery,
): Promise<TicketView[]> {
  if (query.search) return searchPage(db, dialect, query, query.search);
  const page = { sort: query.sort, after: query.after, limit: query.limit + 1 };
  return viewsOf(db, orderedTickets(db, dialect, query, page, 't'), query.sort);
}

// Counts walk oldest first: order does not matter to a count, and a run of new tickets without the word
// (an outage reported a thousand times) then comes last, when the count has usually reached its cap.
const COUNT_SORT: Sort = { column: 'updated_at', direction: 'asc' };

async function countUpTo(
  db: Db,
  filter: TicketFilter,
  cap: number,
  among?: Expression<SqlBool>,
  after?: Position,
) {
  const matching = db
    .selectFrom('tickets')
    .select(sql<number>`1`.as('one'))
    .where((eb) => filterCondition(eb, filter, filter.states))
    .$if(after !== undefined, (query) => query.where(() => keysetCondition(COUNT_SORT, after!)))
    .$if(among !== undefined, (query) => query.where(() => among!))
    .limit(sql.lit(cap));
  const row = await db
    .selectFrom(matching.as('matching'))
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * How many tickets match, counting no further than `cap`: a queue of a million tickets costs no more than
 * `cap` index entries, and the answer says "at least cap". A search counts the way it lists: tickets
 * tested one by one while that is cheap, every match when the words are rare.
 */
export async function countTicketViews(
  db: Db,
  dialect: DialectName,
  query: TicketFilter,
  cap: number,
): Promise<number> {
  if (!query.search) return countUpTo(db, query, cap);
  const prepared = await prepareSearch(db, dialect, query.search);
  if (await isBestMaterialized(db, prepared, COUNT_SORT)) return countUpTo(db, query, cap, isMatch(prepared));
  let counted = 0;
  const test = async (after: Position | undefined, rows: number, wanted: number) => {
    const row = await db
      .selectFrom(
        db
          .selectFrom(walkedTickets(db, dialect, query, { sort: COUNT_SORT, after, limit: rows }))
          .select(sql<number>`1`.as('one'))
          .where(() => rowMatches(prepared, 'w'))
          .limit(sql.lit(wanted))
          .as('matching'),
      )
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    counted += Number(row.count);
    return Number(row.count);
  };
  const rest = await walkInStages(db, prepared, undefined, cap, searchTuning, {
    test,
    positionAfter: (after, rows) => nthPosition(db, dialect, query, { sort: COUNT_SORT, after }, rows),
  });
  return rest ? counted + (await countUpTo(db, query, cap - counted, isMatch(prepared), rest)) : counted;
}
