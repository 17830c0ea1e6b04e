import { type EventRecord, listEvents } from '../../db/repositories/events.repository.ts';
import {
  type AttachmentRecord,
  type EntryRecord,
  findEntry,
  findLatestResolution,
  listAttachmentsOfEntry,
  listAttachmentsOfTicket,
  listEntries,
  type ResolutionRecord,
} from '../../db/repositories/thread.repository.ts';
import {
  findTicketView,
  listTicketViews,
  sortValueOf,
  type TicketListQuery,
  type TicketSortColumn,
  type TicketView,
} from '../../db/repositories/ticket-views.repository.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { type AgentActor, canAccessTicket } from '../../domain/permissions/permissions.ts';
import { issueConfirmationToken } from '../confirmations/confirmation-token.ts';
import type { ServiceDeps } from '../deps.ts';
import { getSettings } from '../settings/settings.ts';

/** A ticket with its current resolution, for the ticket page and the API. */
export interface TicketDetail {
  ticket: TicketView;
  resolution:
    | (ResolutionRecord & { confirmationToken: string | null; confirmationExpiresAt: number | null })
    | null;
}

/** One ticket as the agent may see it, with its latest resolution and, while it awaits an answer, its link. */
export async function getTicket(deps: ServiceDeps, actor: AgentActor, number: string): Promise<TicketDetail> {
  const ticket = await findTicketView(deps.db, { number });
  if (!ticket || !canAccessTicket(actor, ticket)) throw notFound('Ticket', number);
  return { ticket, resolution: await currentResolution(deps, ticket) };
}

/** A ticket its creator has just opened: by id, and without a resolution to look for. */
export async function getOpenedTicket(
  deps: ServiceDeps,
  actor: AgentActor,
  created: { ticketId: number; number: string },
): Promise<TicketDetail> {
  const ticket = await findTicketView(deps.db, { id: created.ticketId });
  if (!ticket || !canAccessTicket(actor, ticket)) throw notFound('Ticket', created.number);
  return { ticket, resolution: null };
}

async function currentResolution(deps: ServiceDeps, ticket: TicketView): Promise<TicketDetail['resolution']> {
  const resolution = await findLatestResolution(deps.db, ticket.id);
  if (!resolution) return null;
  if (ticket.state !== 'resolved' || resolution.outcome !== null) {
    return { ...resolution, confirmationToken: null, confirmationExpiresAt: null };
  }
  const settings = await getSettings(deps.db);
  const issued = issueConfirmationToken(
    deps,
    { ticketId: ticket.id, resolutionId: resolution.id, resolvedAt: resolution.createdAt },
    settings.confirmationTokenDays,
  );
  return { ...resolution, confirmationToken: issued.token, confirmationExpiresAt: issued.expiresAt };
}

export interface TicketListInput extends Omit<TicketListQuery, 'search' | 'after' | 'visibility' | 'sort'> {
  q?: string | undefined;
  sort?: string | undefined;
  cursor?: string | undefined;
}

const SORTS: Record<string, TicketListQuery['sort']> = {
  updated: { column: 'updated_at', direction: 'asc' },
  '-updated': { column: 'updated_at', direction: 'desc' },
  created: { column: 'created_at', direction: 'asc' },
  '-created': { column: 'created_at', direction: 'desc' },
  due: { column: 'due_at', direction: 'asc' },
  '-due': { column: 'due_at', direction: 'desc' },
  number: { column: 'id', direction: 'asc' },
  '-number': { column: 'id', direction: 'desc' },
};
export const TICKET_SORTS = Object.keys(SORTS);

/** The words of a search: letters and digits only, so no search syntax can be injected; at most 8. */
export function searchWords(q: string): string[] {
  return [...q.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]).slice(0, 8);
}

function encodeCursor(sort: string, value: number, id: number): string {
  return Buffer.from(JSON.stringify([sort, value, id])).toString('base64url');
}

function decodeCursor(cursor: string, sort: string): { value: number; id: number } {
  try {
    const [cursorSort, value, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as unknown[];
    if (cursorSort === sort && typeof value === 'number' && typeof id === 'number') return { value, id };
  } catch {
    // Fall through to the error below.
  }
  throw new AppError('validation_failed', 'The cursor is not valid for this sort order', { field: 'cursor' });
}

/** A page of the tickets the agent may see, filtered, searched and sorted, with the cursor of the next page. */
export async function listTickets(
  deps: ServiceDeps,
  actor: AgentActor,
  input: TicketListInput,
): Promise<{ items: TicketView[]; nextCursor: string | null }> {
  const sortName = input.sort ?? '-updated';
  const sort = SORTS[sortName];
  if (!sort)
    throw new AppError('validation_failed', `sort must be one of ${TICKET_SORTS.join(', ')}`, {
      field: 'sort',
    });
  const { q, cursor, ...filters } = input;
  let search: TicketListQuery['search'];
  if (q !== undefined && q.trim() !== '') {
    const words = searchWords(q);
    if (words.length === 0) return { items: [], nextCursor: null };
    search = { words, raw: q.trim() };
  }
  const rows = await listTicketViews(deps.db, deps.dialect, {
    ...filters,
    ...(search ? { search } : {}),
    sort,
    ...(cursor ? { after: decodeCursor(cursor, sortName) } : {}),
    visibility: actor.isAdmin
      ? 'all'
      : {
          departmentIds: [...actor.departmentPermissions.keys()],
          agentId: actor.agentId,
          teamIds: [...actor.teamIds],
        },
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > input.limit && last
      ? encodeCursor(sortName, sortValueOf(last, sort.column as TicketSortColumn), last.id)
      : null;
  return { items, nextCursor };
}

export type TimelineItem =
  | { kind: 'entry'; entry: EntryRecord; attachments: AttachmentRecord[] }
  | { kind: 'event'; event: EventRecord };

/** The ticket's thread entries with their attachments and, interleaved by time, its events. */
export async function getThread(
  deps: ServiceDeps,
  actor: AgentActor,
  number: string,
  options: { includeEvents: boolean },
): Promise<TimelineItem[]> {
  const ticket = await findTicketView(deps.db, { number });
  if (!ticket || !canAccessTicket(actor, ticket)) throw notFound('Ticket', number);
  const [entries, attachments, events] = await Promise.all([
    listEntries(deps.db, ticket.id),
    listAttachmentsOfTicket(deps.db, ticket.id),
    options.includeEvents ? listEvents(deps.db, ticket.id) : Promise.resolve([]),
  ]);
  const items: (TimelineItem & { at: number; order: number })[] = [
    ...entries.map((entry) => ({
      kind: 'entry' as const,
      entry,
      attachments: attachments.filter((a) => a.entryId === entry.id),
      at: entry.createdAt,
      order: 0,
    })),
    ...events.map((event) => ({ kind: 'event' as const, event, at: event.createdAt, order: 1 })),
  ];
  items.sort((a, b) => a.at - b.at || a.order - b.order);
  return items.map(({ at: _at, order: _order, ...item }) => item as TimelineItem);
}

/** The full event timeline of a ticket. */
export async function getEvents(
  deps: ServiceDeps,
  actor: AgentActor,
  number: string,
): Promise<EventRecord[]> {
  const ticket = await findTicketView(deps.db, { number });
  if (!ticket || !canAccessTicket(actor, ticket)) throw notFound('Ticket', number);
  return listEvents(deps.db, ticket.id);
}

/** One thread entry with its attachments (the answer to posting it). */
export async function getEntry(deps: ServiceDeps, entryId: number) {
  const entry = await findEntry(deps.db, entryId);
  if (!entry) throw notFound('Entry', entryId);
  return { entry, attachments: await listAttachmentsOfEntry(deps.db, entryId) };
}
