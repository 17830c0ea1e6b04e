import { type SqlBool, sql } from 'kysely';
import { parseJson } from '../../lib/json.ts';
import type { Db } from '../database.ts';

/**
 * SQL for the tickets a requester sees on the portal: their own, those they are copied on, and those of
 * their organization when it shares tickets. Only what a requester may see is selected: no agent
 * columns, no internal fields beyond the stored values the service filters.
 */

/** Whose tickets: the user, and the organization whose tickets they see (null when it does not share). */
export interface PortalViewer {
  userId: number;
  sharedOrganizationId: number | null;
}

export interface PortalTicketRecord {
  id: number;
  number: string;
  subject: string;
  state: string;
  statusName: string;
  topicId: number | null;
  topicName: string | null;
  requesterId: number;
  requesterName: string;
  fields: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
  lastMessageAt: number;
  lastResponseAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
}

/** The organization whose tickets a user sees: theirs, when it shares tickets; otherwise null. */
export async function findSharedOrganizationId(db: Db, userId: number): Promise<number | null> {
  const row = await db
    .selectFrom('users')
    .innerJoin('organizations', 'organizations.id', 'users.organization_id')
    .select('organizations.id')
    .where('users.id', '=', userId)
    .where('organizations.share_tickets', '=', 1)
    .executeTakeFirst();
  return row?.id ?? null;
}

// A union of the three ways in, each answered by its own index, rather than one OR over the whole table.
function visibleIds(db: Db, viewer: PortalViewer) {
  let ids = db
    .selectFrom('tickets')
    .select('tickets.id')
    .where('tickets.user_id', '=', viewer.userId)
    .union(
      db
        .selectFrom('ticket_collaborators')
        .select('ticket_collaborators.ticket_id as id')
        .where('ticket_collaborators.user_id', '=', viewer.userId),
    );
  if (viewer.sharedOrganizationId !== null) {
    ids = ids.union(
      db
        .selectFrom('tickets')
        .select('tickets.id')
        .where('tickets.organization_id', '=', viewer.sharedOrganizationId),
    );
  }
  return ids;
}

function selectPortalTickets(db: Db, viewer: PortalViewer) {
  return db
    .selectFrom('tickets')
    .innerJoin('ticket_statuses', 'ticket_statuses.id', 'tickets.status_id')
    .innerJoin('users', 'users.id', 'tickets.user_id')
    .leftJoin('help_topics', 'help_topics.id', 'tickets.topic_id')
    .select([
      'tickets.id',
      'tickets.number',
      'tickets.subject',
      'tickets.state',
      'ticket_statuses.name as status_name',
      'tickets.topic_id',
      'help_topics.name as topic_name',
      'tickets.user_id',
      'users.name as requester_name',
      'tickets.fields',
      'tickets.created_at',
      'tickets.updated_at',
      'tickets.last_message_at',
      'tickets.last_response_at',
      'tickets.resolved_at',
      'tickets.closed_at',
    ])
    .where('tickets.deleted_at', 'is', null)
    .where('tickets.id', 'in', visibleIds(db, viewer));
}

type PortalRow = Awaited<ReturnType<ReturnType<typeof selectPortalTickets>['executeTakeFirstOrThrow']>>;

function toPortalTicket(row: PortalRow): PortalTicketRecord {
  return {
    id: row.id,
    number: row.number,
    subject: row.subject,
    state: row.state,
    statusName: row.status_name,
    topicId: row.topic_id,
    topicName: row.topic_name,
    requesterId: row.user_id,
    requesterName: row.requester_name,
    fields: parseJson<Record<string, unknown>>(row.fields, {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastMessageAt: row.last_message_at,
    lastResponseAt: row.last_response_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
  };
}

/** One ticket by number or id, if the viewer may see it. */
export async function findVisibleTicket(
  db: Db,
  viewer: PortalViewer,
  by: { number: string } | { id: number },
): Promise<PortalTicketRecord | null> {
  const query = selectPortalTickets(db, viewer);
  const row = await ('number' in by
    ? query.where('tickets.number', '=', by.number)
    : query.where('tickets.id', '=', by.id)
  ).executeTakeFirst();
  return row ? toPortalTicket(row) : null;
}

// LIKE treats % and _ as wildcards; a search for "a_b" means those characters literally.
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * A page of the tickets the viewer sees, most recently updated first, after a keyset position; asks for
 * one more than `limit` so the caller knows whether a page follows. Words match inside the subject only
 * (the thread holds internal notes a requester must not be able to probe), or `raw` the number exactly.
 */
export async function listVisibleTickets(
  db: Db,
  viewer: PortalViewer,
  filter: {
    states?: string[] | undefined;
    search?: { words: string[]; raw: string } | undefined;
    after?: { updatedAt: number; id: number } | undefined;
    limit: number;
  },
): Promise<PortalTicketRecord[]> {
  let query = selectPortalTickets(db, viewer);
  if (filter.states && filter.states.length > 0) query = query.where('tickets.state', 'in', filter.states);
  const search = filter.search;
  if (search) {
    query = query.where((eb) =>
      eb.or([
        eb.and(
          search.words.map(
            (word) => sql<SqlBool>`lower(tickets.subject) like ${`%${escapeLike(word)}%`} escape '\\'`,
          ),
        ),
        eb('tickets.number', '=', search.raw),
      ]),
    );
  }
  if (filter.after) {
    const { updatedAt, id } = filter.after;
    query = query.where(() => sql<SqlBool>`(tickets.updated_at, tickets.id) < (${updatedAt}, ${id})`);
  }
  const rows = await query
    .orderBy('tickets.updated_at', 'desc')
    .orderBy('tickets.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
  return rows.map(toPortalTicket);
}
