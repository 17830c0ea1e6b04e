import { isParticipant } from '../../db/repositories/collaborators.repository.ts';
import { findTicketForUpdate } from '../../db/repositories/tickets.repository.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import type { UserActor } from '../../domain/permissions/permissions.ts';
import { normalizeBody } from '../../lib/html.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import { decodeAttachments, type NewAttachment } from '../tickets/attachments.ts';
import { addRequesterMessage } from '../tickets/requester-message.ts';
import { findTicketForRequester } from './portal-tickets.ts';

/**
 * Posts a message from the portal on a ticket the requester takes part in (as its requester or copied
 * on it; organization members who only see a shared ticket may not write on it). The usual rule applies:
 * a message on a resolved or closed ticket reopens it when the setting says so. An archived ticket is
 * done for good and takes no more messages.
 */
export async function postRequesterMessage(
  deps: ServiceDeps,
  actor: UserActor,
  number: string,
  input: { body: string; attachments?: NewAttachment[] | undefined },
): Promise<{ ticketId: number; entryId: number; reopened: boolean }> {
  const attachments = decodeAttachments(input.attachments);
  const body = normalizeBody({ text: input.body });
  if (body.text.length === 0 && attachments.length === 0) {
    throw new AppError('validation_failed', 'The message is empty', { in: 'body', field: 'body' });
  }
  return inTransaction(deps, async (tx) => {
    const visible = await findTicketForRequester(tx, actor, number);
    if (!(await isParticipant(tx.db, visible.id, actor.userId))) {
      throw new AppError('forbidden', 'Only the requester and the people copied on a ticket can write on it');
    }
    const ticket = await findTicketForUpdate(tx.db, tx.dialect, visible.id);
    if (!ticket) throw notFound('Ticket', number);
    if (ticket.state === 'archived') {
      throw new AppError('ticket_closed', `Ticket ${number} is archived; open a new ticket instead`, {
        state: ticket.state,
      });
    }
    const posted = await addRequesterMessage(tx, actor, ticket, {
      userId: actor.userId,
      authorName: actor.name,
      ...body,
      attachments,
    });
    return { ticketId: ticket.id, ...posted };
  });
}
