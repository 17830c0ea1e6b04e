import { type Insertable, type Selectable, sql } from 'kysely';
import { parseJson } from '../../lib/json.ts';
import type { Db, DialectName, TicketsTable } from '../database.ts';
import { precompiled, precompiledWith } from '../precompiled.ts';

/** A ticket as services see it: camelCase, flags as booleans, custom fields parsed. */
export interface TicketRecord {
  id: number;
  number: string;
  subject: string;
  statusId: number;
  state: string;
  priorityId: number;
  source: string;
  userId: number;
  organizationId: number | null;
  departmentId: number;
  topicId: number | null;
  assigneeAgentId: number | null;
  assigneeTeamId: number | null;
  slaPlanId: number | null;
  dueAt: number | null;
  slaPausedAt: number | null;
  isAnswered: boolean;
  isOverdue: boolean;
  fields: Record<string, unknown>;
  tags: string[];
  createdAt: number;
  updatedAt: number;
  lastMessageAt: number;
  lastResponseAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  reopenedAt: number | null;
}

type TicketRow = Selectable<TicketsTable>;

/** The writable columns of a ticket, in camelCase. */
export type TicketChanges = Partial<Omit<TicketRecord, 'id' | 'number' | 'tags' | 'createdAt'>>;

const COLUMN_OF: Record<keyof TicketChanges, keyof TicketsTable> = {
  subject: 'subject',
  statusId: 'status_id',
  state: 'state',
  priorityId: 'priority_id',
  source: 'source',
  userId: 'user_id',
  organizationId: 'organization_id',
  departmentId: 'department_id',
  topicId: 'topic_id',
  assigneeAgentId: 'assignee_agent_id',
  assigneeTeamId: 'assignee_team_id',
  slaPlanId: 'sla_plan_id',
  dueAt: 'due_at',
  slaPausedAt: 'sla_paused_at',
  isAnswered: 'is_answered',
  isOverdue: 'is_overdue',
  fields: 'fields',
  updatedAt: 'updated_at',
  lastMessageAt: 'last_message_at',
  lastResponseAt: 'last_response_at',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
  reopenedAt: 'reopened_at',
};

function toColumns(changes: TicketChanges): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes) as [keyof TicketChanges, unknown][]) {
    if (value === undefined) continue;
    const column = COLUMN_OF[key];
    if (typeof value === 'boolean') columns[column] = value ? 1 : 0;
    else if (key === 'fields') columns[column] = JSON.stringify(value);
    else columns[column] = value;
  }
  return columns;
}

export function toTicketRecord(row: TicketRow, tags: string[]): TicketRecord {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    statusId: row.status_id,
    state: row.state,
    priorityId: row.priority_id,
    source: row.source,
    userId: row.user_id,
    organizationId: row.organization_id,
    departmentId: row.department_id,
    topicId: row.topic_id,
    assigneeAgentId: row.assignee_agent_id,
    assigneeTeamId: row.assignee_team_id,
    slaPlanId: row.sla_plan_id,
    dueAt: row.due_at,
    slaPausedAt: row.sla_paused_at,
    isAnswered: row.is_answered === 1,
    isOverdue: row.is_overdue === 1,
    fields: parseJson<Record<string, unknown>>(row.fields, {}),
    tags,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastMessageAt: row.last_message_at,
    lastResponseAt: row.last_response_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    reopenedAt: row.reopened_at,
  };
}

/** A ticket's own columns: what a query selects so that PostgreSQL's subject_tsv never leaves the database. */
export const TICKET_FIELDS = [
  'id',
  'number',
  'subject',
  'status_id',
  'state',
  'priority_id',
  'source',
  'user_id',
  'organization_id',
  'department_id',
  'topic_id',
  'assignee_agent_id',
  'assignee_team_id',
  'sla_plan_id',
  'due_at',
  'sla_paused_at',
  'is_answered',
  'is_overdue',
  'fields',
  'created_at',
  'updated_at',
  'last_message_at',
  'last_response_at',
  'resolved_at',
  'closed_at',
  'reopened_at',
  'deleted_at',
] as const;

const nextTicketCounter = precompiled((db: Db) =>
  db
    .updateTable('sequences')
    .set((eb) => ({ value: eb('value', '+', sql.lit(1)) }))
    .where('name', '=', sql.lit('ticket_number'))
    .returning('value'),
);

/**
 * The next ticket number. PostgreSQL uses a sequence, which never blocks concurrent creators; SQLite has
 * one writer at a time, so a counter row updated inside the creating transaction is just as safe.
 */
export async function nextTicketNumber(db: Db, dialect: DialectName): Promise<string> {
  if (dialect === 'postgres') {
    const result = await sql<{ value: number }>`select nextval('ticket_number_seq') as value`.execute(db);
    return String(result.rows[0]?.value);
  }
  const row = await nextTicketCounter.executeTakeFirst(db);
  if (!row) throw new Error('The ticket_number counter is missing');
  return String(row.value);
}

type NewTicketRow = Omit<Insertable<TicketsTable>, 'id'>;

const insertTicketRow = precompiledWith((db: Db, row: NewTicketRow) =>
  db
    .insertInto('tickets')
    .values({
      number: row.number,
      subject: row.subject,
      status_id: row.status_id,
      state: row.state,
      priority_id: row.priority_id,
      source: row.source,
      user_id: row.user_id,
      organization_id: row.organization_id,
      department_id: row.department_id,
      topic_id: row.topic_id,
      assignee_agent_id: row.assignee_agent_id,
      assignee_team_id: row.assignee_team_id,
      sla_plan_id: row.sla_plan_id,
      due_at: row.due_at,
      sla_paused_at: row.sla_paused_at,
      is_answered: row.is_answered,
      is_overdue: row.is_overdue,
      fields: row.fields,
      created_at: row.created_at,
      updated_at: row.updated_at,
      last_message_at: row.last_message_at,
      last_response_at: row.last_response_at,
      resolved_at: row.resolved_at,
      closed_at: row.closed_at,
      reopened_at: row.reopened_at,
      deleted_at: row.deleted_at,
    })
    .returning('id'),
);

export async function insertTicket(db: Db, ticket: Omit<TicketRecord, 'id' | 'tags'>): Promise<number> {
  const result = await insertTicketRow.run(db, {
    number: ticket.number,
    subject: ticket.subject,
    status_id: ticket.statusId,
    state: ticket.state,
    priority_id: ticket.priorityId,
    source: ticket.source,
    user_id: ticket.userId,
    organization_id: ticket.organizationId,
    department_id: ticket.departmentId,
    topic_id: ticket.topicId,
    assignee_agent_id: ticket.assigneeAgentId,
    assignee_team_id: ticket.assigneeTeamId,
    sla_plan_id: ticket.slaPlanId,
    due_at: ticket.dueAt,
    sla_paused_at: ticket.slaPausedAt,
    is_answered: ticket.isAnswered ? 1 : 0,
    is_overdue: ticket.isOverdue ? 1 : 0,
    fields: JSON.stringify(ticket.fields),
    created_at: ticket.createdAt,
    updated_at: ticket.updatedAt,
    last_message_at: ticket.lastMessageAt,
    last_response_at: ticket.lastResponseAt,
    resolved_at: ticket.resolvedAt,
    closed_at: ticket.closedAt,
    reopened_at: ticket.reopenedAt,
    deleted_at: null,
  });
  const row = result.rows[0];
  if (!row) throw new Error('The ticket insert returned no id');
  return row.id;
}

/** A live (not deleted) ticket by id or number. */
export async function findTicket(
  db: Db,
  by: { id: number } | { number: string },
): Promise<TicketRecord | null> {
  let query = db.selectFrom('tickets').select(TICKET_FIELDS).where('deleted_at', 'is', null);
  query = 'id' in by ? query.where('id', '=', by.id) : query.where('number', '=', by.number);
  const row = await query.executeTakeFirst();
  if (!row) return null;
  return toTicketRecord(row, await findTags(db, row.id));
}

/** The same ticket, row-locked until the transaction ends (PostgreSQL; SQLite's writer lock covers it). */
export async function findTicketForUpdate(
  db: Db,
  dialect: DialectName,
  id: number,
): Promise<TicketRecord | null> {
  let query = db
    .selectFrom('tickets')
    .select(TICKET_FIELDS)
    .where('id', '=', id)
    .where('deleted_at', 'is', null);
  if (dialect === 'postgres') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) return null;
  return toTicketRecord(row, await findTags(db, row.id));
}

export async function updateTicket(db: Db, id: number, changes: TicketChanges): Promise<void> {
  const columns = toColumns(changes);
  if (Object.keys(columns).length === 0) return;
  await db.updateTable('tickets').set(columns).where('id', '=', id).execute();
}

export async function findTags(db: Db, ticketId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('ticket_tags')
    .select('tag')
    .where('ticket_id', '=', ticketId)
    .orderBy('tag')
    .execute();
  return rows.map((row) => row.tag);
}

const deleteTags = precompiled((db: Db, ticketId: number) =>
  db.deleteFrom('ticket_tags').where('ticket_id', '=', ticketId),
);

export async function replaceTags(db: Db, ticketId: number, tags: string[]): Promise<void> {
  await deleteTags.run(db, ticketId);
  await addTags(db, ticketId, tags);
}

/** Tags a ticket that has none yet (a new one). */
export async function addTags(db: Db, ticketId: number, tags: string[]): Promise<void> {
  if (tags.length === 0) return;
  await db
    .insertInto('ticket_tags')
    .values(tags.map((tag) => ({ ticket_id: ticketId, tag })))
    .execute();
}

/** Resolved tickets whose resolution is older than `before`, oldest first. */
export async function findResolvedBefore(db: Db, before: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('tickets')
    .select('id')
    .where('state', '=', 'resolved')
    .where('resolved_at', '<=', before)
    .where('deleted_at', 'is', null)
    .orderBy('resolved_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** Open tickets past their due time that are not yet flagged overdue. */
export async function findNewlyOverdue(db: Db, now: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('tickets')
    .select('id')
    .where('state', '=', 'open')
    .where('is_overdue', '=', 0)
    .where('due_at', '<', now)
    .where('deleted_at', 'is', null)
    .orderBy('due_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}
