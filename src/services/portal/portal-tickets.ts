import { isParticipant } from '../../db/repositories/collaborators.repository.ts';
import {
  findSharedOrganizationId,
  findVisibleTicket,
  listVisibleTickets,
  type PortalTicketRecord,
  type PortalViewer,
} from '../../db/repositories/portal-tickets.repository.ts';
import {
  type AttachmentRecord,
  type EntryRecord,
  type EntryType,
  findLatestResolution,
  listAttachmentsOfTicket,
  listEntries,
  type ResolutionRecord,
} from '../../db/repositories/thread.repository.ts';
import { listFieldsOfTopics, type TopicFieldRecord } from '../../db/repositories/topic-fields.repository.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import type { UserActor } from '../../domain/permissions/permissions.ts';
import type { ServiceDeps } from '../deps.ts';
import { searchWords } from '../tickets/read-tickets.ts';

/** What a requester sees of a thread: never internal notes, never events. */
export const PUBLIC_ENTRY_TYPES: readonly EntryType[] = ['message', 'reply', 'resolution'];

/** Whose tickets a signed-in requester sees. */
export async function viewerOf(deps: ServiceDeps, actor: UserActor): Promise<PortalViewer> {
  return {
    userId: actor.userId,
    sharedOrganizationId: await findSharedOrganizationId(deps.db, actor.userId),
  };
}

/**
 * A ticket the requester may see, by number. One they may not see answers exactly like a missing one,
 * so numbers cannot be probed.
 */
export async function findTicketForRequester(
  deps: ServiceDeps,
  actor: UserActor,
  number: string,
): Promise<PortalTicketRecord> {
  const ticket = await findVisibleTicket(deps.db, await viewerOf(deps, actor), { number });
  if (!ticket) throw notFound('Ticket', number);
  return ticket;
}

function encodeCursor(ticket: PortalTicketRecord): string {
  return Buffer.from(JSON.stringify([ticket.updatedAt, ticket.id])).toString('base64url');
}

function decodeCursor(cursor: string): { updatedAt: number; id: number } {
  try {
    const [updatedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof updatedAt === 'number' && typeof id === 'number') return { updatedAt, id };
  } catch {
    // Fall through to the error below.
  }
  throw new AppError('validation_failed', 'The cursor is not one this API returned', {
    in: 'querystring',
    field: 'cursor',
  });
}

/** A page of the requester's tickets, most recently updated first, with the cursor of the next page. */
export async function listRequesterTickets(
  deps: ServiceDeps,
  actor: UserActor,
  input: {
    states?: string[] | undefined;
    q?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<{ items: PortalTicketRecord[]; nextCursor: string | null }> {
  let search: { words: string[]; raw: string } | undefined;
  if (input.q !== undefined && input.q.trim() !== '') {
    const words = searchWords(input.q);
    if (words.length === 0) return { items: [], nextCursor: null };
    search = { words, raw: input.q.trim() };
  }
  const rows = await listVisibleTickets(deps.db, await viewerOf(deps, actor), {
    states: input.states,
    search,
    after: input.cursor ? decodeCursor(input.cursor) : undefined,
    limit: input.limit,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null };
}

/** A ticket as its requester sees it on the portal. */
export interface RequesterTicketDetail {
  ticket: PortalTicketRecord;
  /** The topic's public fields that hold a value on the ticket. */
  fields: { field: TopicFieldRecord; value: string | number | boolean }[];
  thread: { entry: EntryRecord; attachments: AttachmentRecord[] }[];
  resolution: ResolutionRecord | null;
  /** The requester or a collaborator: they may write on it (organization members may only read). */
  isParticipant: boolean;
  /** The requester themselves: they answer its resolution. */
  isRequester: boolean;
}

/** One ticket with its public thread: messages, replies and resolutions with their attachments. */
export async function getRequesterTicket(
  deps: ServiceDeps,
  actor: UserActor,
  number: string,
): Promise<RequesterTicketDetail> {
  const ticket = await findTicketForRequester(deps, actor, number);
  const [entries, attachments, resolution, form, participates] = await Promise.all([
    listEntries(deps.db, ticket.id, [...PUBLIC_ENTRY_TYPES]),
    listAttachmentsOfTicket(deps.db, ticket.id),
    findLatestResolution(deps.db, ticket.id),
    ticket.topicId !== null
      ? listFieldsOfTopics(deps.db, [ticket.topicId], { publicOnly: true })
      : Promise.resolve([]),
    isParticipant(deps.db, ticket.id, actor.userId),
  ]);
  return {
    ticket,
    fields: form
      .map((field) => ({ field, value: ticket.fields[field.key] }))
      .filter((item): item is { field: TopicFieldRecord; value: string | number | boolean } =>
        ['string', 'number', 'boolean'].includes(typeof item.value),
      ),
    // Attachments are matched to the public entries only, so a note's files never reach the list.
    thread: entries.map((entry) => ({
      entry,
      attachments: attachments.filter((attachment) => attachment.entryId === entry.id),
    })),
    resolution,
    isParticipant: participates,
    isRequester: ticket.requesterId === actor.userId,
  };
}
