import type { Insertable, Selectable } from 'kysely';
import { parseJson } from '../../lib/json.ts';
import type { Db, OutboundMessagesTable } from '../database.ts';
import { precompiled, precompiledWith } from '../precompiled.ts';

/**
 * SQL for the outbox: every mail Tessera sends is stored here, rendered, before it is sent, so what goes
 * out is exactly what an administrator can read, and a retry sends the same message with the same id.
 */

/** A file sent with a mail: its bytes stay in the content-addressed attachment store. */
export interface OutboundAttachment {
  filename: string;
  contentType: string;
  sha256: string;
  size: number;
}

export interface OutboundMessageRecord {
  id: number;
  ticketId: number | null;
  entryId: number | null;
  kind: string;
  to: string[];
  cc: string[];
  from: string;
  subject: string;
  bodyText: string;
  bodyHtml: string;
  messageId: string;
  inReplyTo: string | null;
  references: string | null;
  headers: Record<string, string>;
  attachments: OutboundAttachment[];
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
  updatedAt: number;
}

export type NewOutboundMessage = Omit<
  OutboundMessageRecord,
  'id' | 'attempts' | 'lastError' | 'sentAt' | 'updatedAt'
>;

function toRecord(row: Selectable<OutboundMessagesTable>): OutboundMessageRecord {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    entryId: row.entry_id,
    kind: row.kind,
    to: parseJson<string[]>(row.to_addresses, []),
    cc: parseJson<string[]>(row.cc_addresses, []),
    from: row.from_address,
    subject: row.subject,
    bodyText: row.body_text,
    bodyHtml: row.body_html,
    messageId: row.message_id,
    inReplyTo: row.in_reply_to,
    references: row.references_header,
    headers: parseJson<Record<string, string>>(row.headers, {}),
    attachments: parseJson<OutboundAttachment[]>(row.attachments, []),
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    updatedAt: row.updated_at,
  };
}

const insertOutboundRow = precompiledWith((db: Db, row: Insertable<OutboundMessagesTable>) =>
  db
    .insertInto('outbound_messages')
    .values({
      ticket_id: row.ticket_id,
      entry_id: row.entry_id,
      kind: row.kind,
      to_addresses: row.to_addresses,
      cc_addresses: row.cc_addresses,
      from_address: row.from_address,
      subject: row.subject,
      body_text: row.body_text,
      body_html: row.body_html,
      message_id: row.message_id,
      in_reply_to: row.in_reply_to,
      references_header: row.references_header,
      headers: row.headers,
      attachments: row.attachments,
      status: row.status,
      attempts: row.attempts,
      last_error: row.last_error,
      created_at: row.created_at,
      sent_at: row.sent_at,
      updated_at: row.updated_at,
    })
    .returning('id'),
);

/** Stores a rendered mail and returns its id. */
export async function insertOutboundMessage(db: Db, message: NewOutboundMessage): Promise<number> {
  const result = await insertOutboundRow.run(db, {
    ticket_id: message.ticketId,
    entry_id: message.entryId,
    kind: message.kind,
    to_addresses: JSON.stringify(message.to),
    cc_addresses: JSON.stringify(message.cc),
    from_address: message.from,
    subject: message.subject,
    body_text: message.bodyText,
    body_html: message.bodyHtml,
    message_id: message.messageId,
    in_reply_to: message.inReplyTo,
    references_header: message.references,
    headers: JSON.stringify(message.headers),
    attachments: JSON.stringify(message.attachments),
    status: message.status,
    attempts: 0,
    last_error: null,
    created_at: message.createdAt,
    sent_at: null,
    updated_at: message.createdAt,
  });
  const id = result.rows[0]?.id;
  if (id === undefined) throw new Error('The outbox row was not inserted');
  return id;
}

const outboundById = precompiled((db: Db, id: number) =>
  db.selectFrom('outbound_messages').selectAll().where('id', '=', id),
);

/** One stored mail, or null. */
export async function findOutboundMessage(db: Db, id: number): Promise<OutboundMessageRecord | null> {
  const row = await outboundById.executeTakeFirst(db, id);
  return row ? toRecord(row) : null;
}

/** Stored mail, newest first, optionally narrowed to a status or a ticket, before an id (paging). */
export async function listOutboundMessages(
  db: Db,
  filter: {
    status?: string | undefined;
    ticketId?: number | undefined;
    beforeId?: number | undefined;
    limit: number;
  },
): Promise<OutboundMessageRecord[]> {
  let query = db.selectFrom('outbound_messages').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.ticketId !== undefined) query = query.where('ticket_id', '=', filter.ticketId);
  if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
  return (await query.execute()).map(toRecord);
}

/**
 * Moves a mail from one status to another; false when it was not in `from` (someone else moved it first).
 * The conditional update is what keeps a mail from being queued twice by concurrent callers.
 */
export async function changeOutboundStatus(
  db: Db,
  id: number,
  change: { from: readonly string[]; to: string; now: number },
): Promise<boolean> {
  const result = await db
    .updateTable('outbound_messages')
    .set({ status: change.to, updated_at: change.now })
    .where('id', '=', id)
    .where('status', 'in', change.from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records that the server accepted the mail, with a note when it refused some of the recipients. */
export async function markOutboundSent(
  db: Db,
  id: number,
  now: number,
  note: string | null = null,
): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set((eb) => ({
      status: 'sent',
      attempts: eb('attempts', '+', 1),
      last_error: note,
      sent_at: now,
      updated_at: now,
    }))
    .where('id', '=', id)
    .execute();
}

/** Records a failed attempt: still queued for the next retry, or failed for good after the last one. */
export async function recordOutboundFailure(
  db: Db,
  id: number,
  failure: { error: string; isFinal: boolean; now: number },
): Promise<void> {
  await db
    .updateTable('outbound_messages')
    .set((eb) => ({
      status: failure.isFinal ? 'failed' : 'queued',
      attempts: eb('attempts', '+', 1),
      last_error: failure.error,
      updated_at: failure.now,
    }))
    .where('id', '=', id)
    .where('status', '<>', 'sent')
    .execute();
}

/** Ids of mail waiting for an SMTP server, oldest first. */
export async function listWaitingMessageIds(db: Db, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('outbound_messages')
    .select('id')
    .where('status', '=', 'waiting')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** A message of a ticket's conversation: one people sent in (`kind` null) or one of our own mail. */
export interface ThreadMessage {
  messageId: string;
  createdAt: number;
  id: number;
  kind: string | null;
}

const inboundMessagesOf = precompiled((db: Db, ticketId: number) =>
  db
    .selectFrom('thread_entries')
    .select(['email_message_id as messageId', 'created_at as createdAt', 'id'])
    .where('ticket_id', '=', ticketId)
    .where('email_message_id', 'is not', null),
);
const outboundMessagesOf = precompiled((db: Db, ticketId: number) =>
  db
    .selectFrom('outbound_messages')
    .select(['message_id as messageId', 'created_at as createdAt', 'id', 'kind'])
    .where('ticket_id', '=', ticketId),
);

/** Every message of a ticket's conversation, in no order: those people sent in and all of our own mail. */
export async function listThreadMessages(db: Db, ticketId: number): Promise<ThreadMessage[]> {
  const inbound = await inboundMessagesOf.execute(db, ticketId);
  const outbound = await outboundMessagesOf.execute(db, ticketId);
  return [...inbound.map((row) => ({ ...row, messageId: row.messageId as string, kind: null })), ...outbound];
}

/**
 * The Message-IDs of a conversation, oldest first: those of the mail people sent in and those of our own
 * mail of the given kinds. At the same instant the message people sent comes before our answer to it.
 */
export function threadMessageIds(messages: readonly ThreadMessage[], outboundKinds: readonly string[]) {
  return messages
    .filter((message) => message.kind === null || outboundKinds.includes(message.kind))
    .sort(
      (a, b) => a.createdAt - b.createdAt || Number(a.kind !== null) - Number(b.kind !== null) || a.id - b.id,
    )
    .map((message) => message.messageId);
}

/** What the mail about a ticket needs to know of it: names, its requester's primary address, assignees. */
export async function findTicketMailFacts(db: Db, ticketId: number) {
  const row = await db
    .selectFrom('tickets')
    .innerJoin('departments', 'departments.id', 'tickets.department_id')
    .innerJoin('ticket_statuses', 'ticket_statuses.id', 'tickets.status_id')
    .innerJoin('priorities', 'priorities.id', 'tickets.priority_id')
    .innerJoin('users', 'users.id', 'tickets.user_id')
    .leftJoin('user_emails', (join) =>
      join.onRef('user_emails.user_id', '=', 'users.id').on('user_emails.is_primary', '=', 1),
    )
    .select([
      'tickets.id',
      'tickets.number',
      'tickets.subject',
      'tickets.source',
      'tickets.department_id',
      'tickets.assignee_agent_id',
      'tickets.assignee_team_id',
      'departments.name as department_name',
      'ticket_statuses.name as status_name',
      'priorities.name as priority_name',
      'users.id as requester_id',
      'users.name as requester_name',
      'user_emails.address as requester_email',
    ])
    .where('tickets.id', '=', ticketId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    source: row.source,
    departmentId: row.department_id,
    assigneeAgentId: row.assignee_agent_id,
    assigneeTeamId: row.assignee_team_id,
    departmentName: row.department_name,
    statusName: row.status_name,
    priorityName: row.priority_name,
    requester: { id: row.requester_id, name: row.requester_name, email: row.requester_email },
  };
}

export interface AgentContact {
  id: number;
  name: string;
  email: string;
}

/** Active agents by id (the assignee, the actor), with their addresses. */
export async function findActiveAgentContacts(db: Db, ids: readonly number[]): Promise<AgentContact[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('agents')
    .select(['id', 'name', 'email'])
    .where('id', 'in', ids)
    .where('is_active', '=', 1)
    .orderBy('id')
    .execute();
}

/** Active agents whose primary or extra department is `departmentId`. */
export async function listDepartmentAgentContacts(db: Db, departmentId: number): Promise<AgentContact[]> {
  return db
    .selectFrom('agents')
    .select(['id', 'name', 'email'])
    .where('is_active', '=', 1)
    .where((eb) =>
      eb.or([
        eb('department_id', '=', departmentId),
        eb(
          'id',
          'in',
          eb.selectFrom('agent_departments').select('agent_id').where('department_id', '=', departmentId),
        ),
      ]),
    )
    .orderBy('id')
    .execute();
}

/** Active members of a team. */
export async function listTeamAgentContacts(db: Db, teamId: number): Promise<AgentContact[]> {
  return db
    .selectFrom('agents')
    .innerJoin('team_members', 'team_members.agent_id', 'agents.id')
    .select(['agents.id', 'agents.name', 'agents.email'])
    .where('team_members.team_id', '=', teamId)
    .where('agents.is_active', '=', 1)
    .orderBy('agents.id')
    .execute();
}

/** The email metadata of a ticket's first entry that arrived by mail (which mailbox it came in on). */
export async function findFirstEmailMeta(db: Db, ticketId: number): Promise<Record<string, unknown> | null> {
  const row = await db
    .selectFrom('thread_entries')
    .select('email_meta')
    .where('ticket_id', '=', ticketId)
    .where('email_meta', 'is not', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return parseJson<Record<string, unknown> | null>(row?.email_meta, null);
}

/** Whether mail of one of `kinds` about a thread entry is in the outbox (sent or not). */
export async function hasOutboundForEntry(
  db: Db,
  ticketId: number,
  entryId: number,
  kinds: readonly string[],
): Promise<boolean> {
  const row = await db
    .selectFrom('outbound_messages')
    .select('id')
    .where('ticket_id', '=', ticketId)
    .where('entry_id', '=', entryId)
    .where('kind', 'in', kinds)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
