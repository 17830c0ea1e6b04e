import { sql } from 'kysely';
import { parseJson } from '../../lib/json.ts';
import type { Db } from '../database.ts';
import { isUniqueViolation } from '../errors.ts';

/**
 * Every message that reached Tessera by mail, with what became of it. `received` is the state between
 * storing the raw message and finishing with it: a row left there was interrupted (or failed for a
 * passing reason, written in `reason`) and is picked up again by the next delivery of the same bytes.
 */
export const INBOUND_STATUSES = [
  'received',
  'accepted',
  'duplicate',
  'ignored',
  'quarantined',
  'discarded',
] as const;
export type InboundStatus = (typeof INBOUND_STATUSES)[number];

export interface InboundMessageRecord {
  id: number;
  messageId: string;
  fromAddress: string | null;
  subject: string | null;
  channel: string;
  mailboxId: number | null;
  recipients: string[];
  rawSha256: string;
  rawSize: number;
  receivedAt: number;
  status: InboundStatus;
  reason: string | null;
  ticketId: number | null;
  ticketNumber: string | null;
  entryId: number | null;
  attempts: number;
  updatedAt: number;
}

export type InboundChanges = Partial<
  Pick<
    InboundMessageRecord,
    | 'messageId'
    | 'fromAddress'
    | 'subject'
    | 'mailboxId'
    | 'status'
    | 'reason'
    | 'ticketId'
    | 'entryId'
    | 'attempts'
    | 'updatedAt'
  >
>;

const COLUMN_OF = {
  messageId: 'message_id',
  fromAddress: 'from_address',
  subject: 'subject',
  mailboxId: 'mailbox_id',
  status: 'status',
  reason: 'reason',
  ticketId: 'ticket_id',
  entryId: 'entry_id',
  attempts: 'attempts',
  updatedAt: 'updated_at',
} as const;

function toColumns(changes: InboundChanges): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) columns[COLUMN_OF[key as keyof typeof COLUMN_OF]] = value;
  }
  return columns;
}

function selectMessages(db: Db) {
  return db
    .selectFrom('inbound_messages')
    .leftJoin('tickets', 'tickets.id', 'inbound_messages.ticket_id')
    .selectAll('inbound_messages')
    .select('tickets.number as ticket_number');
}

type Row = Awaited<ReturnType<ReturnType<typeof selectMessages>['executeTakeFirstOrThrow']>>;

function toRecord(row: Row): InboundMessageRecord {
  return {
    id: row.id,
    messageId: row.message_id,
    fromAddress: row.from_address,
    subject: row.subject,
    channel: row.channel,
    mailboxId: row.mailbox_id,
    recipients: parseJson<string[]>(row.recipients, []),
    rawSha256: row.raw_sha256,
    rawSize: row.raw_size,
    receivedAt: row.received_at,
    status: row.status as InboundStatus,
    reason: row.reason,
    ticketId: row.ticket_id,
    ticketNumber: row.ticket_number,
    entryId: row.entry_id,
    attempts: row.attempts,
    updatedAt: row.updated_at,
  };
}

/** Records a newly stored message in the `received` state and returns its id. */
export async function insertInboundMessage(
  db: Db,
  message: Pick<
    InboundMessageRecord,
    'messageId' | 'channel' | 'mailboxId' | 'recipients' | 'rawSha256' | 'rawSize' | 'receivedAt'
  >,
): Promise<number> {
  const row = await db
    .insertInto('inbound_messages')
    .values({
      message_id: message.messageId,
      from_address: null,
      subject: null,
      channel: message.channel,
      mailbox_id: message.mailboxId,
      recipients: JSON.stringify(message.recipients),
      raw_sha256: message.rawSha256,
      raw_size: message.rawSize,
      received_at: message.receivedAt,
      status: 'received',
      reason: null,
      ticket_id: null,
      entry_id: null,
      attempts: 0,
      updated_at: message.receivedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One message by id, with the number of the ticket it went to. */
export async function findInboundMessage(db: Db, id: number): Promise<InboundMessageRecord | null> {
  const row = await selectMessages(db).where('inbound_messages.id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** Messages newest first, optionally in one status, below `beforeId`. */
export async function listInboundMessages(
  db: Db,
  filter: { status: InboundStatus | null; beforeId: number | null; limit: number },
): Promise<InboundMessageRecord[]> {
  let query = selectMessages(db).orderBy('inbound_messages.id', 'desc').limit(filter.limit);
  if (filter.status !== null) query = query.where('inbound_messages.status', '=', filter.status);
  if (filter.beforeId !== null) query = query.where('inbound_messages.id', '<', filter.beforeId);
  return (await query.execute()).map(toRecord);
}

/** Writes the given fields of a received message. */
export async function updateInboundMessage(db: Db, id: number, changes: InboundChanges): Promise<void> {
  const columns = toColumns(changes);
  if (Object.keys(columns).length === 0) return;
  await db.updateTable('inbound_messages').set(columns).where('id', '=', id).execute();
}

/**
 * Takes over the row of an earlier delivery of the same bytes that failed for a passing reason, so a
 * retrying mail server adds attempts to one row rather than new rows. The conditional update makes
 * the take-over atomic: of two deliveries racing for it, one gets it.
 */
export async function takeOverFailedDelivery(db: Db, rawSha256: string, now: number): Promise<number | null> {
  const candidate = await db
    .selectFrom('inbound_messages')
    .select('id')
    .where('raw_sha256', '=', rawSha256)
    .where('status', '=', 'received')
    .where('reason', 'is not', null)
    .orderBy('id')
    .executeTakeFirst();
  if (!candidate) return null;
  const result = await db
    .updateTable('inbound_messages')
    .set({ reason: null, updated_at: now })
    .where('id', '=', candidate.id)
    .where('status', '=', 'received')
    .where('reason', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? candidate.id : null;
}

/**
 * Marks a message accepted before its ticket change is written. The unique index on accepted
 * Message-IDs lets only one delivery of a message hold this; false when another already does.
 */
export async function claimAcceptance(db: Db, id: number, messageId: string, now: number): Promise<boolean> {
  try {
    await db
      .updateTable('inbound_messages')
      .set({ status: 'accepted', message_id: messageId, updated_at: now })
      .where('id', '=', id)
      .execute();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * Gives back acceptances that never got their ticket change (the process died in between) and are older
 * than `before`, so the message can be taken again. The entry check keeps finished ones.
 */
export async function releaseStaleAcceptances(db: Db, messageId: string, before: number): Promise<void> {
  await db
    .updateTable('inbound_messages')
    .set({ status: 'received', reason: 'interrupted' })
    .where('message_id', '=', messageId)
    .where('status', '=', 'accepted')
    .where('entry_id', 'is', null)
    .where('updated_at', '<', before)
    .execute();
}

/**
 * Another accepted row for this Message-ID, if any: with its entry it is a finished delivery; without,
 * one in progress (or interrupted, until released).
 */
export async function findAcceptedHolder(
  db: Db,
  messageId: string,
  exceptId: number,
): Promise<{ id: number; entryId: number | null } | null> {
  const row = await db
    .selectFrom('inbound_messages')
    .select(['id', 'entry_id'])
    .where('message_id', '=', messageId)
    .where('status', '=', 'accepted')
    .where('id', '<>', exceptId)
    .executeTakeFirst();
  return row ? { id: row.id, entryId: row.entry_id } : null;
}

/** Whether a thread entry already carries this Message-ID. */
export async function hasEntryWithMessageId(db: Db, messageId: string): Promise<boolean> {
  const entry = await db
    .selectFrom('thread_entries')
    .select('id')
    .where('email_message_id', '=', messageId)
    .executeTakeFirst();
  return entry !== undefined;
}

/**
 * The tickets that mail with these Message-IDs belongs to: messages received (thread entries) and
 * messages sent (the outbound mail log). Deleted tickets are left out.
 */
export async function findTicketsByMessageIds(
  db: Db,
  messageIds: readonly string[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  if (messageIds.length === 0) return found;
  const entries = await db
    .selectFrom('thread_entries')
    .innerJoin('tickets', 'tickets.id', 'thread_entries.ticket_id')
    .select(['thread_entries.email_message_id as messageId', 'tickets.id as ticketId'])
    .where('thread_entries.email_message_id', 'in', messageIds)
    .where('tickets.deleted_at', 'is', null)
    .execute();
  const sent = await db
    .selectFrom('outbound_messages')
    .innerJoin('tickets', 'tickets.id', 'outbound_messages.ticket_id')
    .select(['outbound_messages.message_id as messageId', 'tickets.id as ticketId'])
    .where('outbound_messages.message_id', 'in', messageIds)
    .where('tickets.deleted_at', 'is', null)
    .execute();
  for (const row of [...entries, ...sent]) {
    if (row.messageId !== null && !found.has(row.messageId)) found.set(row.messageId, row.ticketId);
  }
  return found;
}

/** Puts the email metadata on an entry another use-case wrote (an agent's reply sent by mail). */
export async function setEntryEmail(
  db: Db,
  entryId: number,
  email: { messageId: string; meta: Record<string, unknown> },
): Promise<void> {
  await db
    .updateTable('thread_entries')
    .set({ email_message_id: email.messageId, email_meta: JSON.stringify(email.meta) })
    .where('id', '=', entryId)
    .execute();
}

/** Replaces an entry's HTML once its inline images have download addresses. */
export async function setEntryBodyHtml(db: Db, entryId: number, html: string): Promise<void> {
  await db.updateTable('thread_entries').set({ body_html: html }).where('id', '=', entryId).execute();
}

/** Counts one more run of the pipeline on a message and returns the new count. */
export async function countAttempt(db: Db, id: number, now: number): Promise<number> {
  const row = await db
    .updateTable('inbound_messages')
    .set({ attempts: sql<number>`attempts + 1`, updated_at: now })
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirstOrThrow();
  return row.attempts;
}

/** Which of these (lower-cased) addresses belong to active agents. */
export async function findActiveAgentEmails(db: Db, addresses: readonly string[]): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const rows = await db
    .selectFrom('agents')
    .select('email')
    .where(sql<string>`lower(email)`, 'in', addresses)
    .where('is_active', '=', 1)
    .execute();
  return new Set(rows.map((row) => row.email.toLowerCase()));
}

/** Sets a quarantined or unfinished message aside; false when it had meanwhile reached another status. */
export async function discardInboundMessage(db: Db, id: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('inbound_messages')
    .set({ status: 'discarded', updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', ['quarantined', 'received'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
