import { insertEvents } from '../../db/repositories/events.repository.ts';
import { findLatestResolution, setResolutionOutcome } from '../../db/repositories/thread.repository.ts';
import { type TicketRecord, updateTicket } from '../../db/repositories/tickets.repository.ts';
import type { Actor } from '../../domain/permissions/permissions.ts';
import type { ServiceDeps } from '../deps.ts';
import { planStatusChange, resolveTargetStatus } from './status-change.ts';
import { eventOf } from './ticket-access.ts';

export type CloseReason = 'confirmed' | 'auto_closed';

/**
 * Closes a resolved ticket the caller has locked: the requester confirmed the fix, or nobody answered the
 * resolution in time. Records the resolution's outcome and an event named for the reason.
 */
export async function closeResolvedTicket(
  tx: ServiceDeps,
  actor: Actor,
  ticket: TicketRecord,
  reason: CloseReason,
): Promise<void> {
  const now = tx.clock.now();
  const status = await resolveTargetStatus(tx, { state: 'closed' });
  const change = planStatusChange(tx, ticket, status);
  await updateTicket(tx.db, ticket.id, { ...change.changes, updatedAt: now });
  const resolution = await findLatestResolution(tx.db, ticket.id);
  if (resolution) await setResolutionOutcome(tx.db, resolution.id, reason, now);
  await insertEvents(tx.db, [
    eventOf(tx, actor, ticket.id, reason, {
      before: { statusId: change.from.statusId, state: change.from.state },
      after: { statusId: status.id, state: 'closed', status: status.name },
      resolutionId: resolution?.id ?? null,
    }),
  ]);
}
