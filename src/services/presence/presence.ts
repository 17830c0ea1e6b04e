import {
  deleteExpiredPresence,
  deletePresence,
  listTicketPresence,
  type PresenceRecord,
  type PresenceState,
  upsertPresence,
} from '../../db/repositories/presence.repository.ts';
import type { AgentActor } from '../../domain/permissions/permissions.ts';
import type { ServiceDeps } from '../deps.ts';
import { findTicketForAgent } from '../tickets/ticket-access.ts';

export type { PresenceRecord, PresenceState };

/** A presence lasts this long unless refreshed; the console refreshes every 20 seconds. */
export const PRESENCE_TTL_MS = 60_000;

async function othersOn(deps: ServiceDeps, actor: AgentActor, ticketId: number): Promise<PresenceRecord[]> {
  const present = await listTicketPresence(deps.db, ticketId, deps.clock.now());
  return present.filter((presence) => presence.agentId !== actor.agentId);
}

/** Records that the agent is viewing or replying to a ticket; answers with the other agents there now. */
export async function markPresence(
  deps: ServiceDeps,
  actor: AgentActor,
  number: string,
  state: PresenceState,
): Promise<PresenceRecord[]> {
  const ticket = await findTicketForAgent(deps, actor, number);
  const now = deps.clock.now();
  await upsertPresence(deps.db, {
    ticketId: ticket.id,
    agentId: actor.agentId,
    state,
    now,
    expiresAt: now + PRESENCE_TTL_MS,
  });
  return othersOn(deps, actor, ticket.id);
}

/** Records that the agent left a ticket. */
export async function clearPresence(deps: ServiceDeps, actor: AgentActor, number: string): Promise<void> {
  const ticket = await findTicketForAgent(deps, actor, number);
  await deletePresence(deps.db, ticket.id, actor.agentId);
}

/** The other agents on a ticket now. */
export async function listPresence(
  deps: ServiceDeps,
  actor: AgentActor,
  number: string,
): Promise<PresenceRecord[]> {
  const ticket = await findTicketForAgent(deps, actor, number);
  return othersOn(deps, actor, ticket.id);
}

/** Deletes expired presence rows (readers already ignore them; this keeps the table small). */
export async function purgeExpiredPresence(deps: ServiceDeps): Promise<number> {
  return deleteExpiredPresence(deps.db, deps.clock.now());
}

/** The recurring task's handler: purges expired presence rows. */
export async function purgeExpiredPresenceTask(deps: ServiceDeps): Promise<void> {
  await purgeExpiredPresence(deps);
}
