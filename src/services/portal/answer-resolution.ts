import { findTicketForUpdate } from '../../db/repositories/tickets.repository.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import type { UserActor } from '../../domain/permissions/permissions.ts';
import {
  applyResolutionAnswer,
  type ResolutionAnswer,
  requireAwaitingResolution,
} from '../confirmations/confirmations.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import { findTicketForRequester } from './portal-tickets.ts';

/**
 * The signed-in requester's answer to the resolution awaiting them: the same as following the confirm or
 * still-broken link of the resolution mail ("confirm" closes the ticket, "reopen" reopens it with their
 * comment). Only the requester answers; people copied on the ticket and organization members do not.
 */
export async function answerResolutionAsRequester(
  deps: ServiceDeps,
  actor: UserActor,
  number: string,
  answer: ResolutionAnswer,
): Promise<{ ticketId: number; number: string; state: string }> {
  return inTransaction(deps, async (tx) => {
    const visible = await findTicketForRequester(tx, actor, number);
    if (visible.requesterId !== actor.userId) {
      throw new AppError('forbidden', 'Only the requester of a ticket confirms or reopens its resolution');
    }
    const ticket = await findTicketForUpdate(tx.db, tx.dialect, visible.id);
    if (!ticket) throw notFound('Ticket', number);
    await requireAwaitingResolution(tx, ticket);
    return applyResolutionAnswer(tx, ticket, answer);
  });
}
