import { addCollaborator, isParticipant } from '../../db/repositories/collaborators.repository.ts';
import { insertEvents } from '../../db/repositories/events.repository.ts';
import { setEntryBodyHtml, setEntryEmail } from '../../db/repositories/inbound-messages.repository.ts';
import { insertEntry, listAttachmentsOfEntry } from '../../db/repositories/thread.repository.ts';
import {
  findTicketForUpdate,
  type TicketRecord,
  updateTicket,
} from '../../db/repositories/tickets.repository.ts';
import { type AgentActor, SYSTEM, type UserActor } from '../../domain/permissions/permissions.ts';
import { normalizeBody } from '../../lib/html.ts';
import { inTransaction, type ServiceDeps } from '../../services/deps.ts';
import { decodeAttachments, saveAttachments } from '../../services/tickets/attachments.ts';
import { createTicket } from '../../services/tickets/create-ticket.ts';
import { postReply } from '../../services/tickets/post-entry.ts';
import { addRequesterMessage } from '../../services/tickets/requester-message.ts';
import { eventOf } from '../../services/tickets/ticket-access.ts';
import { resolveRequester } from '../../services/users/resolve-requester.ts';
import { type EntryContent, linkInlineImages } from './entry-body.ts';
import type { InboundMessage, MailAddress } from './parse.ts';
import type { RouteDefaults } from './routing.ts';

/** One message on its way to a ticket, with everything the writes need. */
export interface MailDelivery {
  message: InboundMessage;
  /** The Message-ID entries record: the message's own, or the synthetic one. */
  messageId: string;
  content: EntryContent;
  /** Email metadata for the entry: headers and why it was threaded there. */
  meta: Record<string, unknown>;
  /** To and Cc people to add as collaborators (empty when the setting is off). */
  copied: MailAddress[];
  /** The setting that makes To, Cc and a new voice on the thread collaborators. */
  addsCollaborators: boolean;
  isAutoReply: boolean;
}

export interface Delivered {
  ticketId: number;
  number: string;
  entryId: number;
}

/** Points the entry's `cid:` images at its stored attachments, once they have ids. */
async function linkImages(
  deps: ServiceDeps,
  entryId: number,
  delivery: MailDelivery,
  html: string,
): Promise<void> {
  if (!delivery.content.contentIds.some((id) => id !== null)) return;
  const stored = await listAttachmentsOfEntry(deps.db, entryId);
  const urls = new Map<string, string>();
  delivery.content.contentIds.forEach((contentId, index) => {
    const attachment = stored[index];
    if (contentId && attachment) urls.set(contentId, `${deps.publicUrl}/api/v1/attachments/${attachment.id}`);
  });
  const linked = linkInlineImages(html, urls);
  if (linked !== null) await setEntryBodyHtml(deps.db, entryId, linked);
}

async function addCopiedPeople(tx: ServiceDeps, ticket: TicketRecord, people: MailAddress[]): Promise<void> {
  for (const person of people) {
    const user = await resolveRequester(tx, { email: person.address, name: person.name || null });
    if (user.id !== ticket.userId) await addCollaborator(tx.db, ticket.id, user.id, tx.clock.now());
  }
}

/**
 * Opens a ticket from the message. The Message-ID is the idempotency key, so a second delivery racing
 * this one gets the same ticket back (null) rather than a second ticket.
 */
export async function createTicketFromMail(
  deps: ServiceDeps,
  delivery: MailDelivery,
  route: RouteDefaults,
  followUpOf: TicketRecord | null,
): Promise<Delivered | null> {
  const { message } = delivery;
  const created = await createTicket(
    deps,
    SYSTEM,
    {
      subject: (message.subject || '(no subject)').slice(0, 255),
      ...delivery.content.input,
      requester: { email: message.from.address, name: message.from.name || undefined },
      departmentId: route.departmentId,
      topicId: route.topicId,
      priority: route.priority,
      source: 'email',
      attachments: delivery.content.attachments,
      collaborators: delivery.copied.map((person) => ({
        email: person.address,
        name: person.name || undefined,
      })),
      email: { messageId: delivery.messageId, meta: delivery.meta },
      autoRespond: !delivery.isAutoReply,
      ...(followUpOf ? { fields: { followUpOf: followUpOf.number } } : {}),
    },
    { scope: 'email', key: delivery.messageId, requestHash: 'email' },
  );
  if (created.isReplay) return null;
  await linkImages(deps, created.entryId, delivery, delivery.content.body.html);
  if (followUpOf) {
    await insertEvents(deps.db, [
      eventOf(deps, SYSTEM, created.ticketId, 'linked', {
        relation: 'follow_up_of',
        ticketId: followUpOf.id,
        number: followUpOf.number,
      }),
      eventOf(deps, SYSTEM, followUpOf.id, 'linked', {
        relation: 'followed_up_by',
        ticketId: created.ticketId,
        number: created.number,
      }),
    ]);
  }
  return { ticketId: created.ticketId, number: created.number, entryId: created.entryId };
}

/**
 * Adds the message to a ticket as the requester's (or a collaborator's) message. Quietly, for an
 * auto-reply: the entry is kept but the ticket's state and its notifications are left alone.
 * Null when the ticket went away meanwhile.
 */
export async function appendMessage(
  deps: ServiceDeps,
  delivery: MailDelivery,
  ticketId: number,
  options: { isQuiet: boolean },
): Promise<Delivered | null> {
  const { message, content } = delivery;
  return inTransaction(deps, async (tx) => {
    const ticket = await findTicketForUpdate(tx.db, tx.dialect, ticketId);
    if (!ticket) return null;
    const sender = await resolveRequester(tx, {
      email: message.from.address,
      name: message.from.name || null,
    });
    const entry = {
      userId: sender.id,
      authorName: sender.name,
      html: content.body.html,
      text: content.body.text,
      emailMessageId: delivery.messageId,
      emailMeta: delivery.meta,
    };
    const attachments = decodeAttachments(content.attachments);
    let entryId: number;
    if (options.isQuiet) {
      const now = tx.clock.now();
      entryId = await insertEntry(tx.db, {
        ticketId,
        type: 'message',
        authorType: 'user',
        authorAgentId: null,
        authorUserId: sender.id,
        authorName: sender.name,
        bodyHtml: entry.html,
        bodyText: entry.text,
        emailMessageId: entry.emailMessageId,
        emailMeta: entry.emailMeta,
        createdAt: now,
      });
      await saveAttachments(tx, entryId, attachments);
      await updateTicket(tx.db, ticketId, { updatedAt: now });
    } else {
      const actor: UserActor = { kind: 'user', userId: sender.id, name: sender.name };
      entryId = (await addRequesterMessage(tx, actor, ticket, { ...entry, attachments })).entryId;
    }
    await linkImages(tx, entryId, delivery, content.body.html);
    const copied = [...delivery.copied];
    if (delivery.addsCollaborators && !(await isParticipant(tx.db, ticketId, sender.id)))
      copied.push(message.from);
    await addCopiedPeople(tx, ticket, copied);
    return { ticketId, number: ticket.number, entryId };
  });
}

/** Posts an agent's emailed answer as their reply to the requester. */
export async function postAgentReply(
  deps: ServiceDeps,
  delivery: MailDelivery,
  actor: AgentActor,
  ticket: TicketRecord,
): Promise<Delivered> {
  const posted = await postReply(deps, actor, ticket.number, {
    ...delivery.content.input,
    attachments: delivery.content.attachments,
  });
  await setEntryEmail(deps.db, posted.entryId, { messageId: delivery.messageId, meta: delivery.meta });
  await linkImages(deps, posted.entryId, delivery, delivery.content.body.html);
  return { ticketId: ticket.id, number: ticket.number, entryId: posted.entryId };
}

/** Keeps an agent's email that may not go out as a reply as their internal note; null when the ticket went away. */
export async function postAgentNote(
  deps: ServiceDeps,
  delivery: MailDelivery,
  agent: { id: number; name: string },
  ticketId: number,
): Promise<Delivered | null> {
  return inTransaction(deps, async (tx) => {
    const ticket = await findTicketForUpdate(tx.db, tx.dialect, ticketId);
    if (!ticket) return null;
    const now = tx.clock.now();
    const entryId = await insertEntry(tx.db, {
      ticketId,
      type: 'note',
      authorType: 'agent',
      authorAgentId: agent.id,
      authorUserId: null,
      authorName: agent.name,
      bodyHtml: delivery.content.body.html,
      bodyText: delivery.content.body.text,
      emailMessageId: delivery.messageId,
      emailMeta: delivery.meta,
      createdAt: now,
    });
    await saveAttachments(tx, entryId, decodeAttachments(delivery.content.attachments));
    await linkImages(tx, entryId, delivery, delivery.content.body.html);
    await updateTicket(tx.db, ticketId, { updatedAt: now });
    return { ticketId, number: ticket.number, entryId };
  });
}

/** Records a bounce of our mail on its ticket as a system note; nobody is notified. Null when the ticket went away. */
export async function recordBounce(
  deps: ServiceDeps,
  delivery: MailDelivery,
  ticketId: number,
  summary: string,
): Promise<Delivered | null> {
  return inTransaction(deps, async (tx) => {
    const ticket = await findTicketForUpdate(tx.db, tx.dialect, ticketId);
    if (!ticket) return null;
    const body = normalizeBody({ text: `Mail from this ticket could not be delivered.\n\n${summary}` });
    const entryId = await insertEntry(tx.db, {
      ticketId,
      type: 'note',
      authorType: 'system',
      authorAgentId: null,
      authorUserId: null,
      authorName: 'Mail delivery system',
      bodyHtml: body.html,
      bodyText: body.text,
      emailMessageId: delivery.messageId,
      emailMeta: delivery.meta,
      createdAt: tx.clock.now(),
    });
    return { ticketId, number: ticket.number, entryId };
  });
}
