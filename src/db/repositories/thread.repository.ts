import type { Insertable, Selectable } from 'kysely';
import { parseJson } from '../../lib/json.ts';
import type { Db, ThreadEntriesTable } from '../database.ts';
import { precompiledWith } from '../precompiled.ts';

export type EntryType = 'message' | 'reply' | 'note' | 'resolution';
export type AuthorType = 'agent' | 'user' | 'system';

export interface EntryRecord {
  id: number;
  ticketId: number;
  type: EntryType;
  authorType: AuthorType;
  authorAgentId: number | null;
  authorUserId: number | null;
  authorName: string;
  bodyHtml: string;
  bodyText: string;
  emailMessageId: string | null;
  emailMeta: Record<string, unknown> | null;
  createdAt: number;
}

const insertEntryRow = precompiledWith((db: Db, row: Omit<Insertable<ThreadEntriesTable>, 'id'>) =>
  db
    .insertInto('thread_entries')
    .values({
      ticket_id: row.ticket_id,
      type: row.type,
      author_type: row.author_type,
      author_agent_id: row.author_agent_id,
      author_user_id: row.author_user_id,
      author_name: row.author_name,
      body_html: row.body_html,
      body_text: row.body_text,
      email_message_id: row.email_message_id,
      email_meta: row.email_meta,
      created_at: row.created_at,
    })
    .returning('id'),
);

export async function insertEntry(db: Db, entry: Omit<EntryRecord, 'id'>): Promise<number> {
  const result = await insertEntryRow.run(db, {
    ticket_id: entry.ticketId,
    type: entry.type,
    author_type: entry.authorType,
    author_agent_id: entry.authorAgentId,
    author_user_id: entry.authorUserId,
    author_name: entry.authorName,
    body_html: entry.bodyHtml,
    body_text: entry.bodyText,
    email_message_id: entry.emailMessageId,
    email_meta: entry.emailMeta ? JSON.stringify(entry.emailMeta) : null,
    created_at: entry.createdAt,
  });
  const row = result.rows[0];
  if (!row) throw new Error('The thread entry insert returned no id');
  return row.id;
}

// The entry's own columns, listed so that PostgreSQL's body_tsv (as large as the body) stays behind.
const ENTRY_COLUMNS = [
  'id',
  'ticket_id',
  'type',
  'author_type',
  'author_agent_id',
  'author_user_id',
  'author_name',
  'body_html',
  'body_text',
  'email_message_id',
  'email_meta',
  'created_at',
] as const;

/** A ticket's entries in order, optionally only the types a requester may see. */
export async function listEntries(db: Db, ticketId: number, types?: EntryType[]): Promise<EntryRecord[]> {
  let query = db.selectFrom('thread_entries').select(ENTRY_COLUMNS).where('ticket_id', '=', ticketId);
  if (types) query = query.where('type', 'in', types);
  const rows = await query.orderBy('id').execute();
  return rows.map(toEntry);
}

/** One entry by id. */
export async function findEntry(db: Db, id: number): Promise<EntryRecord | null> {
  const row = await db
    .selectFrom('thread_entries')
    .select(ENTRY_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toEntry(row) : null;
}

function toEntry(row: Selectable<ThreadEntriesTable>): EntryRecord {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    type: row.type as EntryType,
    authorType: row.author_type as AuthorType,
    authorAgentId: row.author_agent_id,
    authorUserId: row.author_user_id,
    authorName: row.author_name,
    bodyHtml: row.body_html,
    bodyText: row.body_text,
    emailMessageId: row.email_message_id,
    emailMeta: parseJson<Record<string, unknown> | null>(row.email_meta, null),
    createdAt: row.created_at,
  };
}

export interface AttachmentRecord {
  id: number;
  entryId: number;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: number;
}

export async function insertAttachment(db: Db, attachment: Omit<AttachmentRecord, 'id'>): Promise<number> {
  const row = await db
    .insertInto('attachments')
    .values({
      entry_id: attachment.entryId,
      filename: attachment.filename,
      content_type: attachment.contentType,
      size: attachment.size,
      sha256: attachment.sha256,
      created_at: attachment.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function toAttachment(row: {
  id: number;
  entry_id: number;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  created_at: number;
}): AttachmentRecord {
  return {
    id: row.id,
    entryId: row.entry_id,
    filename: row.filename,
    contentType: row.content_type,
    size: row.size,
    sha256: row.sha256,
    createdAt: row.created_at,
  };
}

export async function listAttachmentsOfEntry(db: Db, entryId: number): Promise<AttachmentRecord[]> {
  const rows = await db
    .selectFrom('attachments')
    .selectAll()
    .where('entry_id', '=', entryId)
    .orderBy('id')
    .execute();
  return rows.map(toAttachment);
}

export async function listAttachmentsOfTicket(db: Db, ticketId: number): Promise<AttachmentRecord[]> {
  const rows = await db
    .selectFrom('attachments')
    .innerJoin('thread_entries', 'thread_entries.id', 'attachments.entry_id')
    .selectAll('attachments')
    .where('thread_entries.ticket_id', '=', ticketId)
    .orderBy('attachments.id')
    .execute();
  return rows.map(toAttachment);
}

/** An attachment with the ticket and entry type it belongs to, for access checks. */
export async function findAttachment(db: Db, id: number) {
  const row = await db
    .selectFrom('attachments')
    .innerJoin('thread_entries', 'thread_entries.id', 'attachments.entry_id')
    .selectAll('attachments')
    .select(['thread_entries.ticket_id', 'thread_entries.type as entry_type'])
    .where('attachments.id', '=', id)
    .executeTakeFirst();
  return row
    ? { ...toAttachment(row), ticketId: row.ticket_id, entryType: row.entry_type as EntryType }
    : null;
}

export interface ResolutionRecord {
  id: number;
  ticketId: number;
  entryId: number;
  problem: string;
  actionTaken: string;
  confirmation: string;
  nextSteps: string | null;
  code: string;
  agentId: number | null;
  createdAt: number;
  outcome: string | null;
  outcomeAt: number | null;
}

export async function insertResolution(
  db: Db,
  resolution: Omit<ResolutionRecord, 'id' | 'outcome' | 'outcomeAt'>,
) {
  const row = await db
    .insertInto('resolutions')
    .values({
      ticket_id: resolution.ticketId,
      entry_id: resolution.entryId,
      problem: resolution.problem,
      action_taken: resolution.actionTaken,
      confirmation: resolution.confirmation,
      next_steps: resolution.nextSteps,
      code: resolution.code,
      agent_id: resolution.agentId,
      created_at: resolution.createdAt,
      outcome: null,
      outcome_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The most recent resolution of a ticket, if it was ever resolved. */
export async function findLatestResolution(db: Db, ticketId: number): Promise<ResolutionRecord | null> {
  const row = await db
    .selectFrom('resolutions')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        ticketId: row.ticket_id,
        entryId: row.entry_id,
        problem: row.problem,
        actionTaken: row.action_taken,
        confirmation: row.confirmation,
        nextSteps: row.next_steps,
        code: row.code,
        agentId: row.agent_id,
        createdAt: row.created_at,
        outcome: row.outcome,
        outcomeAt: row.outcome_at,
      }
    : null;
}

/** Records what became of a resolution (confirmed, reopened, auto_closed) once; false if it already had one. */
export async function setResolutionOutcome(
  db: Db,
  id: number,
  outcome: string,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('resolutions')
    .set({ outcome, outcome_at: at })
    .where('id', '=', id)
    .where('outcome', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
