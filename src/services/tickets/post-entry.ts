import { insertEvents } from '../../db/repositories/events.repository.ts';
import { type TicketChanges, updateTicket } from '../../db/repositories/tickets.repository.ts';
import { AppError } from '../../domain/errors.ts';
import type { AgentActor } from '../../domain/permissions/permissions.ts';
import { normalizeBody } from '../../lib/html.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import { notifyAgentReply } from '../notifications/notify-agent-reply.ts';
import { insertAgentEntry } from './agent-entry.ts';
import { decodeAttachments, type NewAttachment, saveAttachments } from './attachments.ts';
import { eventTypeOf, planStatusChange, resolveTargetStatus } from './status-change.ts';
import { eventOf, lockTicketForAgent, requirePermission } from './ticket-access.ts';

export interface EntryInput {
  body?: string | undefined;
  bodyHtml?: string | undefined;
  attachments?: NewAttachment[] | undefined;
  /** Replies only: the status the ticket moves to with the reply. */
  status?: number | undefined;
}

function bodyOf(input: EntryInput, attachmentCount: number) {
  const body = normalizeBody({ text: input.body, html: input.bodyHtml });
  if (body.text.length === 0 && attachmentCount === 0) {
    throw new AppError('validation_failed', 'The body is empty', {
      field: input.bodyHtml !== undefined ? 'bodyHtml' : 'body',
    });
  }
  return body;
}

/**
 * Posts an agent's reply to the requester: marks the ticket answered and, when asked, moves it to another
 * status in the same transaction. A closed ticket takes a reply only together with a status that reopens
 * it. (The email to the requester follows from the entry; sending is the outbound mail's job.)
 */
export async function postReply(
  deps: ServiceDeps,
  actor: AgentActor,
  number: string,
  input: EntryInput,
): Promise<{ ticketId: number; entryId: number }> {
  const attachments = decodeAttachments(input.attachments);
  const body = bodyOf(input, attachments.length);
  return inTransaction(deps, async (tx) => {
    const ticket = await lockTicketForAgent(tx, actor, number);
    requirePermission(actor, 'ticket.reply', ticket);
    const now = tx.clock.now();
    const changes: TicketChanges = { isAnswered: true, lastResponseAt: now, updatedAt: now };
    const events: ReturnType<typeof eventOf>[] = [];
    if (input.status !== undefined && input.status !== ticket.statusId) {
      const status = await resolveTargetStatus(tx, { statusId: input.status });
      const change = planStatusChange(tx, ticket, status);
      Object.assign(changes, change.changes);
      events.push(
        eventOf(tx, actor, ticket.id, eventTypeOf(change), {
          before: { statusId: change.from.statusId, state: change.from.state },
          after: { statusId: change.to.statusId, state: change.to.state, status: change.to.statusName },
        }),
      );
    } else if (ticket.state === 'closed' || ticket.state === 'archived') {
      throw new AppError(
        'ticket_closed',
        `Ticket ${number} is ${ticket.state}; reply with a status that reopens it`,
        {
          state: ticket.state,
        },
      );
    }
    const entryId = await insertAgentEntry(tx, actor, ticket.id, 'reply', body);
    await saveAttachments(tx, entryId, attachments);
    await updateTicket(tx.db, ticket.id, changes);
    await insertEvents(tx.db, events);
    await notifyAgentReply(tx, actor, { ticketId: ticket.id, entryId });
    return { ticketId: ticket.id, entryId };
  });
}

/** Posts an internal note: seen by agents only, allowed in any state, changes nothing else. */
export async function postNote(
  deps: ServiceDeps,
  actor: AgentActor,
  number: string,
  input: EntryInput,
): Promise<{ ticketId: number; entryId: number }> {
  const attachments = decodeAttachments(input.attachments);
  const body = bodyOf(input, attachments.length);
  return inTransaction(deps, async (tx) => {
    const ticket = await lockTicketForAgent(tx, actor, number);
    const now = tx.clock.now();
    const entryId = await insertAgentEntry(tx, actor, ticket.id, 'note', body);
    await saveAttachments(tx, entryId, attachments);
    await updateTicket(tx.db, ticket.id, { updatedAt: now });
    return { ticketId: ticket.id, entryId };
  });
}
