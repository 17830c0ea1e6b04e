import { insertEvents } from '../../db/repositories/events.repository.ts';
import {
  findNewlyOverdue,
  findResolvedBefore,
  findTicketForUpdate,
  updateTicket,
} from '../../db/repositories/tickets.repository.ts';
import { SYSTEM } from '../../domain/permissions/permissions.ts';
import { isOverdue } from '../../domain/sla/sla.ts';
import { DAY_MS } from '../../lib/clock.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import { getSettings } from '../settings/settings.ts';
import { closeResolvedTicket } from './close-resolved-ticket.ts';
import { eventOf } from './ticket-access.ts';

// Each run handles a bounded batch so one tick never holds the database for long; the next tick continues.
const BATCH = 500;

/**
 * Closes resolved tickets whose requester has not answered within the configured number of days. Each
 * ticket is closed in its own transaction after re-checking it under lock, so a requester answering at the
 * same moment wins.
 */
export async function autoCloseResolvedTickets(deps: ServiceDeps): Promise<number> {
  const { autoCloseDays } = await getSettings(deps.db);
  if (autoCloseDays <= 0) return 0;
  const cutoff = deps.clock.now() - autoCloseDays * DAY_MS;
  let closed = 0;
  for (const id of await findResolvedBefore(deps.db, cutoff, BATCH)) {
    const didClose = await inTransaction(deps, async (tx) => {
      const ticket = await findTicketForUpdate(tx.db, tx.dialect, id);
      if (ticket?.state !== 'resolved' || (ticket.resolvedAt ?? Number.POSITIVE_INFINITY) > cutoff)
        return false;
      await closeResolvedTicket(tx, SYSTEM, ticket, 'auto_closed');
      return true;
    });
    if (didClose) closed++;
  }
  return closed;
}

/** Flags open tickets that have passed their due time, with an "overdue" event on each. */
export async function markOverdueTickets(deps: ServiceDeps): Promise<number> {
  const now = deps.clock.now();
  let marked = 0;
  for (const id of await findNewlyOverdue(deps.db, now, BATCH)) {
    const didMark = await inTransaction(deps, async (tx) => {
      const ticket = await findTicketForUpdate(tx.db, tx.dialect, id);
      if (ticket?.state !== 'open' || ticket.isOverdue || !isOverdue(ticket.dueAt, ticket.slaPausedAt, now)) {
        return false;
      }
      await updateTicket(tx.db, id, { isOverdue: true });
      await insertEvents(tx.db, [eventOf(tx, SYSTEM, id, 'overdue', { dueAt: ticket.dueAt })]);
      return true;
    });
    if (didMark) marked++;
  }
  return marked;
}
