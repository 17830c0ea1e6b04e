import type { LiveTicketChange } from '../db/repositories/live.repository.ts';
import {
  type AgentActor,
  canAccessTicket,
  type TicketAccessFacts,
} from '../domain/permissions/permissions.ts';

function idOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

// A change read now carries the ticket as it is now. A transfer or reassignment can take the ticket out
// of an agent's sight, and that agent's queues still need to hear that it left.
function factsBefore(change: LiveTicketChange, now: TicketAccessFacts): TicketAccessFacts | null {
  const before = change.data.before;
  if (typeof before !== 'object' || before === null) return null;
  const fields = before as Record<string, unknown>;
  if (change.type === 'transferred' && typeof fields.departmentId === 'number') {
    return { ...now, departmentId: fields.departmentId };
  }
  if (change.type === 'assigned') {
    return { ...now, assigneeAgentId: idOrNull(fields.agentId), assigneeTeamId: idOrNull(fields.teamId) };
  }
  return null;
}

/** Whether an agent may hear about a ticket change: they see the ticket now, or saw it until this change. */
export function canHearOf(actor: AgentActor, change: LiveTicketChange): boolean {
  const now: TicketAccessFacts = {
    departmentId: change.departmentId,
    assigneeAgentId: change.assigneeAgentId,
    assigneeTeamId: change.assigneeTeamId,
  };
  if (canAccessTicket(actor, now)) return true;
  const before = factsBefore(change, now);
  return before !== null && canAccessTicket(actor, before);
}
