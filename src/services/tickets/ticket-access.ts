import type { EventRecord } from '../../db/repositories/events.repository.ts';
import {
  findTicket,
  findTicketForUpdate,
  type TicketRecord,
} from '../../db/repositories/tickets.repository.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import {
  type Actor,
  type AgentActor,
  canAccessTicket,
  canOnTicket,
  type Permission,
} from '../../domain/permissions/permissions.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * The ticket with this number as the agent may see it. A ticket the agent has no access to answers
 * exactly like a missing one, so numbers cannot be probed.
 */
export async function findTicketForAgent(
  deps: ServiceDeps,
  actor: AgentActor,
  number: string,
): Promise<TicketRecord> {
  const ticket = await findTicket(deps.db, { number });
  if (!ticket || !canAccessTicket(actor, ticket)) throw notFound('Ticket', number);
  return ticket;
}

/** Like findTicketForAgent, row-locked for the rest of the transaction. */
export async function lockTicketForAgent(
  deps: ServiceDeps,
  actor: AgentActor,
  number: string,
): Promise<TicketRecord> {
  const found = await findTicketForAgent(deps, actor, number);
  const locked = await findTicketForUpdate(deps.db, deps.dialect, found.id);
  if (!locked) throw notFound('Ticket', number);
  return locked;
}

/** Throws 403 unless the agent holds `permission` for this ticket. */
export function requirePermission(actor: AgentActor, permission: Permission, ticket: TicketRecord): void {
  if (!canOnTicket(actor, permission, ticket)) {
    throw new AppError('forbidden', `You need the ${permission} permission in this ticket's department`, {
      permission,
      departmentId: ticket.departmentId,
    });
  }
}

/** Who did it, in the columns events and entries store. */
export function actorColumns(actor: Actor): Pick<EventRecord, 'actorType' | 'actorAgentId' | 'actorUserId'> {
  if (actor.kind === 'agent') return { actorType: 'agent', actorAgentId: actor.agentId, actorUserId: null };
  if (actor.kind === 'user') return { actorType: 'user', actorAgentId: null, actorUserId: actor.userId };
  return { actorType: 'system', actorAgentId: null, actorUserId: null };
}

/** An event row for a change made now by `actor`. */
export function eventOf(
  deps: ServiceDeps,
  actor: Actor,
  ticketId: number,
  type: string,
  data: Record<string, unknown>,
): Omit<EventRecord, 'id' | 'actorName'> {
  return { ticketId, type, ...actorColumns(actor), data, createdAt: deps.clock.now() };
}
