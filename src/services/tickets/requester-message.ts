import { insertEvents } from '../../db/repositories/events.repository.ts';
import {
  findLatestResolution,
  insertEntry,
  setResolutionOutcome,
} from '../../db/repositories/thread.repository.ts';
import {
  type TicketChanges,
  type TicketRecord,
  updateTicket,
} from '../../db/repositories/tickets.repository.ts';
import type { Actor } from '../../domain/permissions/permissions.ts';
import { stateAfterRequesterMessage, type TicketState } from '../../domain/ticket/lifecycle.ts';
import type { ServiceDeps } from '../deps.ts';
import { notifyRequesterMessage } from '../notifications/notify-requester-message.ts';
import { getSettings } from '../settings/settings.ts';
import { type DecodedAttachment, saveAttachments } from './attachments.ts';
import { planStatusChange, resolveTargetStatus } from './status-change.ts';
import { eventOf } from './ticket-access.ts';

/**
 * Adds a message from the requester (or a collaborator) to a ticket that the caller has locked in its
 * transaction. A message on a resolved or closed ticket reopens it when the setting says so, recording the
 * resolution's outcome as reopened (always, for a requester answering "still broken"); a message while
 * pending puts the ticket back to work.
 */
export async function addRequesterMessage(
  tx: ServiceDeps,
  actor: Actor,
  ticket: TicketRecord,
  message: {
    userId: number;
    authorName: string;
    html: string;
    text: string;
    emailMessageId?: string | null;
    emailMeta?: Record<string, unknown> | null;
    /** Saved with the entry, before the agents' alert is queued, so the alert can list them. */
    attachments?: DecodedAttachment[];
  },
  options: { alwaysReopen?: boolean } = {},
): Promise<{ entryId: number; reopened: boolean }> {
  const now = tx.clock.now();
  const reopenOnMessage = options.alwaysReopen || (await getSettings(tx.db)).reopenOnRequesterMessage;
  const next = stateAfterRequesterMessage(ticket.state as TicketState, reopenOnMessage);
  const changes: TicketChanges = { lastMessageAt: now, updatedAt: now, isAnswered: false };
  const events: ReturnType<typeof eventOf>[] = [];
  if (next.state !== ticket.state) {
    const status = await resolveTargetStatus(tx, { state: next.state });
    const change = planStatusChange(tx, ticket, status);
    Object.assign(changes, change.changes);
    events.push(
      eventOf(tx, actor, ticket.id, next.reopened ? 'reopened' : 'status_changed', {
        before: { statusId: change.from.statusId, state: change.from.state },
        after: { statusId: status.id, state: status.state, status: status.name },
        reason: 'requester_message',
      }),
    );
    if (next.reopened) {
      const resolution = await findLatestResolution(tx.db, ticket.id);
      if (resolution) await setResolutionOutcome(tx.db, resolution.id, 'reopened', now);
    }
  }
  const entryId = await insertEntry(tx.db, {
    ticketId: ticket.id,
    type: 'message',
    authorType: 'user',
    authorAgentId: null,
    authorUserId: message.userId,
    authorName: message.authorName,
    bodyHtml: message.html,
    bodyText: message.text,
    emailMessageId: message.emailMessageId ?? null,
    emailMeta: message.emailMeta ?? null,
    createdAt: now,
  });
  await saveAttachments(tx, entryId, message.attachments ?? []);
  await updateTicket(tx.db, ticket.id, changes);
  await insertEvents(tx.db, events);
  await notifyRequesterMessage(tx, actor, { ticketId: ticket.id, entryId });
  return { entryId, reopened: next.reopened };
}
