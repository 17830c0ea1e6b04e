import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database, Db, DialectName } from '../database.ts';
import { type TicketRecord, toTicketRecord } from './tickets.repository.ts';

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

function selectViews(db: Db) {
  return db
    .selectFrom('tickets')
    .innerJoin('ticket_statuses', 'ticket_statuses.id', 'tickets.status_id')
    .innerJoin('priorities', 'priorities.id', 'tickets.priority_id')
    .innerJoin('users', 'users.id', 'tickets.user_id')
    .innerJoin('departments', 'departments.id', 'tickets.department_id')
    .leftJoin('user_emails', (join) =>
      join.onRef('user_emails.user_id', '=', 'tickets.user_id').on('user_emails.is_primary', '=', 1),
    )
    .leftJoin('organizations', 'organizations.id', 'tickets.organization_id')
    .leftJoin('help_topics', 'help_topics.id', 'tickets.topic_id')
    .leftJoin('agents', 'agents.id', 'tickets.assignee_agent_id')
    .leftJoin('teams', 'teams.id', 'tickets.assignee_team_id')
    .leftJoin('sla_plans', 'sla_plans.id', 'tickets.sla_plan_id')
    .selectAll('tickets')
    .select([
      'ticket_statuses.name as status_name',
      'priorities.key as priority_key',
      'priorities.name as priority_name',
      'users.name as requester_name',
      'user_emails.address as requester_email',
      'organizations.name as organization_name',
      'departments.name as department_name',
      'help_topics.name as topic_name',
      'agents.name as assignee_name',
      'teams.name as team_name',
      'sla_plans.name as sla_plan_name',
    ])
    .where('tickets.deleted_at', 'is', null);
}

type ViewRow = Awaited<ReturnType<ReturnType<typeof selectViews>['executeTakeFirstOrThrow']>>;

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

function toView(row: ViewRow, tags: string[]): TicketView {
  return {
    ...toTicketRecord(row, tags),
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
  };
}

export async function findTicketView(
  db: Db,
  by: { id: number } | { number: string },
): Promise<TicketView | null> {
  const query =
    'id' in by
      ? selectViews(db).where('tickets.id', '=', by.id)
      : selectViews(db).where('tickets.number', '=', by.number);
  const row = await query.executeTakeFirst();
  if (!row) return null;
  return toView(row, (await tagsByTicket(db, [row.id])).get(row.id) ?? []);
}

export type TicketSortColumn = 'updated_at' | 'created_at' | 'due_at' | 'id';

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
  search?: { words: string[]; raw: string };
  sort: { column: TicketSortColumn; direction: 'asc' | 'desc' };
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

function searchCondition(
  dialect: DialectName,
  search: { words: string[]; raw: string },
): Expression<SqlBool> {
  if (dialect === 'postgres') {
    const query = search.words.map((word) => `${word}:*`).join(' & ');
    return sql<SqlBool>`(tickets.subject_tsv @@ to_tsquery('simple', ${query})
      or tickets.id in (select ticket_id from thread_entries where body_tsv @@ to_tsquery('simple', ${query}))
      or tickets.number = ${search.raw})`;
  }
  const query = search.words.map((word) => `"${word}"*`).join(' ');
  return sql<SqlBool>`(tickets.id in (
      select rowid from ticket_subject_fts where ticket_subject_fts match ${query}
      union
      select thread_entries.ticket_id from thread_entry_fts
        join thread_entries on thread_entries.id = thread_entry_fts.rowid
        where thread_entry_fts match ${query})
      or tickets.number = ${search.raw})`;
}

/** What narrows a ticket list or count: the filters, the search and the agent's visibility. */
export type TicketFilter = Omit<TicketListQuery, 'sort' | 'after' | 'limit'>;

// One condition for lists and counts, so a queue's count always agrees with its list.
function ticketCondition(
  eb: ExpressionBuilder<Database, 'tickets'>,
  dialect: DialectName,
  query: TicketFilter,
): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [];
  if (query.states && query.states.length > 0) and.push(eb('tickets.state', 'in', query.states));
  if (query.statusId !== undefined) and.push(eb('tickets.status_id', '=', query.statusId));
  if (query.departmentId !== undefined) and.push(eb('tickets.department_id', '=', query.departmentId));
  if (query.assigneeAgentId === null) and.push(eb('tickets.assignee_agent_id', 'is', null));
  else if (query.assigneeAgentId !== undefined)
    and.push(eb('tickets.assignee_agent_id', '=', query.assigneeAgentId));
  if (query.teamId !== undefined) and.push(eb('tickets.assignee_team_id', '=', query.teamId));
  if (query.teamIds !== undefined)
    and.push(query.teamIds.length > 0 ? eb('tickets.assignee_team_id', 'in', query.teamIds) : eb.lit(false));
  if (query.priorityKey !== undefined)
    and.push(
      eb(
        'tickets.priority_id',
        'in',
        eb.selectFrom('priorities').select('priorities.id').where('priorities.key', '=', query.priorityKey),
      ),
    );
  if (query.topicId !== undefined) and.push(eb('tickets.topic_id', '=', query.topicId));
  if (query.userId !== undefined) and.push(eb('tickets.user_id', '=', query.userId));
  if (query.organizationId !== undefined) and.push(eb('tickets.organization_id', '=', query.organizationId));
  if (query.isOverdue !== undefined) and.push(eb('tickets.is_overdue', '=', query.isOverdue ? 1 : 0));
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
  if (query.search) and.push(searchCondition(dialect, query.search));
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

/**
 * How many tickets match, counting no further than `cap`: a queue of a million tickets costs no more than
 * `cap` index entries, and the answer says "at least cap".
 */
export async function countTicketViews(
  db: Db,
  dialect: DialectName,
  query: TicketFilter,
  cap: number,
): Promise<number> {
  const matching = db
    .selectFrom('tickets')
    .select(sql<number>`1`.as('one'))
    .where('tickets.deleted_at', 'is', null)
    .where((eb) => ticketCondition(eb, dialect, query))
    .limit(cap);
  const row = await db
    .selectFrom(matching.as('matching'))
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** One page of tickets matching the filters, in keyset order; asks for one more to know if a page follows. */
export async function listTicketViews(
  db: Db,
  dialect: DialectName,
  query: TicketListQuery,
): Promise<TicketView[]> {
  let select = selectViews(db).where((eb) => ticketCondition(eb, dialect, query));
  const key = sortExpression(query.sort.column);
  const descending = query.sort.direction === 'desc';
  if (query.after) {
    const { value, id } = query.after;
    select = descending
      ? select.where(() => sql<SqlBool>`(${key}, tickets.id) < (${value}, ${id})`)
      : select.where(() => sql<SqlBool>`(${key}, tickets.id) > (${value}, ${id})`);
  }
  const rows = await select
    .orderBy(key, descending ? 'desc' : 'asc')
    .orderBy('tickets.id', descending ? 'desc' : 'asc')
    .limit(query.limit + 1)
    .execute();
  const tags = await tagsByTicket(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toView(row, tags.get(row.id) ?? []));
}
