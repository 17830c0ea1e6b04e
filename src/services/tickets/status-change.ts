import { findDefaultStatus, findStatusRef } from '../../db/repositories/ticket-references.repository.ts';
import type { TicketChanges, TicketRecord } from '../../db/repositories/tickets.repository.ts';
import { AppError, unknownReference } from '../../domain/errors.ts';
import { resumeDueAt } from '../../domain/sla/sla.ts';
import { canTransition, isTicketState, nextStates, type TicketState } from '../../domain/ticket/lifecycle.ts';
import type { ServiceDeps } from '../deps.ts';

export interface StatusChange {
  changes: TicketChanges;
  from: { statusId: number; state: TicketState };
  to: { statusId: number; statusName: string; state: TicketState };
}

/** Finds the status to move to: a given status id, or the default status of a state. */
export async function resolveTargetStatus(
  deps: ServiceDeps,
  target: { statusId: number } | { state: TicketState },
): Promise<{ id: number; name: string; state: TicketState }> {
  const status =
    'statusId' in target
      ? await findStatusRef(deps.db, target.statusId)
      : await findDefaultStatus(deps.db, target.state);
  if (!status) {
    if ('statusId' in target) throw unknownReference('status', target.statusId);
    throw new AppError('internal', `No status is configured for the state ${target.state}`);
  }
  if (!isTicketState(status.state))
    throw new AppError('internal', `Status ${status.id} has an unknown state`);
  return { id: status.id, name: status.name, state: status.state };
}

/**
 * The column changes that moving `ticket` to `status` implies, after checking the state machine: timestamps
 * of the new state, and the SLA clock paused while pending and shifted by the pause when work resumes.
 * Entering `resolved` from a working state is not handled here: that needs a resolution (resolve-ticket).
 */
export function planStatusChange(
  deps: ServiceDeps,
  ticket: TicketRecord,
  status: { id: number; name: string; state: TicketState },
  options: { allowResolve?: boolean } = {},
): StatusChange {
  const from = ticket.state as TicketState;
  const to = status.state;
  if (!canTransition(from, to)) {
    throw new AppError('invalid_transition', `A ${from} ticket cannot become ${to}`, {
      from,
      to,
      allowed: nextStates(from),
    });
  }
  if (to === 'resolved' && from !== 'resolved' && !options.allowResolve) {
    throw new AppError(
      'resolution_required',
      'A resolution is required to resolve a ticket: missing problem, actionTaken, confirmation, code (use POST /tickets/{number}/resolve)',
      { missing: ['problem', 'actionTaken', 'confirmation', 'code'], invalid: [] },
    );
  }
  const now = deps.clock.now();
  const changes: TicketChanges = { statusId: status.id, state: to };
  if (from !== to) {
    if (to === 'pending') changes.slaPausedAt = now;
    if (from === 'pending' && ticket.slaPausedAt !== null) {
      changes.slaPausedAt = null;
      if (ticket.dueAt !== null) changes.dueAt = resumeDueAt(ticket.dueAt, ticket.slaPausedAt, now);
    }
    if (to === 'resolved') changes.resolvedAt = now;
    if (to === 'closed') changes.closedAt = now;
    if (to === 'open' && (from === 'resolved' || from === 'closed')) {
      changes.reopenedAt = now;
      changes.resolvedAt = null;
      changes.closedAt = null;
    }
  }
  return {
    changes,
    from: { statusId: ticket.statusId, state: from },
    to: { statusId: status.id, statusName: status.name, state: to },
  };
}

/** The event type a state change records. */
export function eventTypeOf(change: StatusChange): string {
  const { from, to } = change;
  if (from.state === to.state) return 'status_changed';
  if (to.state === 'open' && (from.state === 'resolved' || from.state === 'closed')) return 'reopened';
  if (to.state === 'closed') return 'closed';
  if (to.state === 'resolved') return 'resolved';
  if (to.state === 'archived') return 'archived';
  return 'status_changed';
}
