import {
  changeOutboundStatus,
  findOutboundMessage,
  listOutboundMessages,
  type OutboundMessageRecord,
} from '../../db/repositories/outbound-messages.repository.ts';
import { findTicket } from '../../db/repositories/tickets.repository.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import { enqueueSend } from './queue-email.ts';

/** The outbox for administrators, newest first, optionally one status or one ticket's mail. */
export async function listOutbox(
  deps: ServiceDeps,
  filter: {
    status?: string | undefined;
    ticketNumber?: string | undefined;
    beforeId?: number | undefined;
    limit: number;
  },
): Promise<OutboundMessageRecord[]> {
  let ticketId: number | undefined;
  if (filter.ticketNumber !== undefined) {
    const ticket = await findTicket(deps.db, { number: filter.ticketNumber });
    if (!ticket) return [];
    ticketId = ticket.id;
  }
  return listOutboundMessages(deps.db, {
    status: filter.status,
    ticketId,
    beforeId: filter.beforeId,
    limit: filter.limit,
  });
}

/** One mail of the outbox, as it was (or will be) sent. */
export async function getOutboundMessage(deps: ServiceDeps, id: number): Promise<OutboundMessageRecord> {
  const message = await findOutboundMessage(deps.db, id);
  if (!message) throw notFound('Outbound message', id);
  return message;
}

/** Queues a mail that failed for good once more: the same message, with a fresh set of attempts. */
export async function retryOutboundMessage(deps: ServiceDeps, id: number): Promise<OutboundMessageRecord> {
  await inTransaction(deps, async (tx) => {
    const now = tx.clock.now();
    if (await changeOutboundStatus(tx.db, id, { from: ['failed'], to: 'queued', now })) {
      await enqueueSend(tx, id, `:retry:${now}`);
      return;
    }
    const message = await findOutboundMessage(tx.db, id);
    if (!message) throw notFound('Outbound message', id);
    throw new AppError(
      'invalid_transition',
      `Outbound message ${id} is ${message.status}; only failed mail can be retried`,
      { status: message.status },
    );
  });
  return getOutboundMessage(deps, id);
}
