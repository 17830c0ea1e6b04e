import { findLatestResolution, type ResolutionRecord } from '../../db/repositories/thread.repository.ts';
import { findUserRef } from '../../db/repositories/ticket-references.repository.ts';
import {
  findTicket,
  findTicketForUpdate,
  type TicketRecord,
} from '../../db/repositories/tickets.repository.ts';
import { AppError } from '../../domain/errors.ts';
import type { UserActor } from '../../domain/permissions/permissions.ts';
import { normalizeBody } from '../../lib/html.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import { closeResolvedTicket } from '../tickets/close-resolved-ticket.ts';
import { addRequesterMessage } from '../tickets/requester-message.ts';
import { readConfirmationToken } from './confirmation-token.ts';

export interface ConfirmationView {
  ticket: TicketRecord;
  resolution: ResolutionRecord;
  expiresAt: number;
}

/**
 * The resolution awaiting the requester's answer on a ticket: its latest, unanswered while the ticket is
 * resolved (and, for a link, the very one the link names). Throws confirmation_used otherwise.
 */
export async function requireAwaitingResolution(
  deps: ServiceDeps,
  ticket: TicketRecord,
  resolutionId?: number,
): Promise<ResolutionRecord> {
  const resolution = await findLatestResolution(deps.db, ticket.id);
  if (
    !resolution ||
    (resolutionId !== undefined && resolution.id !== resolutionId) ||
    resolution.outcome !== null ||
    ticket.state !== 'resolved'
  ) {
    throw new AppError('confirmation_used', 'This resolution was already confirmed, reopened or replaced', {
      ticketNumber: ticket.number,
      state: ticket.state,
    });
  }
  return resolution;
}

/** Checks that the token's resolution is still the ticket's current, unanswered one. */
async function loadClaim(deps: ServiceDeps, token: string, lock: boolean): Promise<ConfirmationView> {
  const claim = readConfirmationToken(deps, token);
  const ticket = lock
    ? await findTicketForUpdate(deps.db, deps.dialect, claim.ticketId)
    : await findTicket(deps.db, { id: claim.ticketId });
  if (!ticket) throw new AppError('confirmation_invalid', 'This confirmation link is not valid');
  const resolution = await requireAwaitingResolution(deps, ticket, claim.resolutionId);
  return { ticket, resolution, expiresAt: claim.expiresAt };
}

/** What a confirmation link shows: the ticket and the resolution awaiting the requester's answer. */
export async function getConfirmation(deps: ServiceDeps, token: string): Promise<ConfirmationView> {
  return loadClaim(deps, token, false);
}

export interface ResolutionAnswer {
  action: 'confirm' | 'reopen';
  comment?: string | undefined;
}

/**
 * The requester's answer to a resolution: "confirm" closes the ticket with a "confirmed" event, "reopen"
 * reopens it and posts their comment as a message. Each link works once.
 */
export async function answerConfirmation(
  deps: ServiceDeps,
  token: string,
  answer: ResolutionAnswer,
): Promise<{ ticketId: number; number: string; state: string }> {
  return inTransaction(deps, async (tx) => {
    const { ticket } = await loadClaim(tx, token, true);
    return applyResolutionAnswer(tx, ticket, answer);
  });
}

/**
 * Carries out the requester's answer on a ticket the caller has locked and checked with
 * requireAwaitingResolution, as the requester: by link or signed in to the portal, the effect is one.
 */
export async function applyResolutionAnswer(
  tx: ServiceDeps,
  ticket: TicketRecord,
  answer: ResolutionAnswer,
): Promise<{ ticketId: number; number: string; state: string }> {
  const user = await findUserRef(tx.db, ticket.userId);
  const actor: UserActor = { kind: 'user', userId: ticket.userId, name: user?.name ?? 'Requester' };
  if (answer.action === 'confirm') {
    await closeResolvedTicket(tx, actor, ticket, 'confirmed');
    return { ticketId: ticket.id, number: ticket.number, state: 'closed' };
  }
  const comment = answer.comment?.trim() || 'The requester reports that the problem is not solved.';
  const body = normalizeBody({ text: comment });
  await addRequesterMessage(
    tx,
    actor,
    ticket,
    { userId: ticket.userId, authorName: actor.name, ...body },
    { alwaysReopen: true },
  );
  return { ticketId: ticket.id, number: ticket.number, state: 'open' };
}
