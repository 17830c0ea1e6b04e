import type { PresenceState, PresenceWithTicket } from '../db/repositories/presence.repository.ts';
import type { TicketAccessFacts } from '../domain/permissions/permissions.ts';

export interface PresentAgent {
  agentId: number;
  name: string;
  state: PresenceState;
  startedAt: number;
}

/** The agents now on one ticket, after a change. */
export interface PresenceChange {
  ticketId: number;
  number: string;
  facts: TicketAccessFacts;
  agents: PresentAgent[];
}

interface TicketPresence {
  signature: string;
  change: PresenceChange;
}

function group(rows: readonly PresenceWithTicket[]): Map<number, TicketPresence> {
  const byTicket = new Map<number, PresenceChange>();
  for (const row of rows) {
    let change = byTicket.get(row.ticketId);
    if (!change) {
      change = {
        ticketId: row.ticketId,
        number: row.number,
        facts: {
          departmentId: row.departmentId,
          assigneeAgentId: row.assigneeAgentId,
          assigneeTeamId: row.assigneeTeamId,
        },
        agents: [],
      };
      byTicket.set(row.ticketId, change);
    }
    change.agents.push({
      agentId: row.agentId,
      name: row.agentName,
      state: row.state,
      startedAt: row.startedAt,
    });
  }
  const grouped = new Map<number, TicketPresence>();
  for (const [ticketId, change] of byTicket) {
    const signature = change.agents
      .map((agent) => `${agent.agentId}:${agent.state}`)
      .sort()
      .join(',');
    grouped.set(ticketId, { signature, change });
  }
  return grouped;
}

/**
 * Compares successive snapshots of who is on which ticket. Presence lives in the database and any web
 * process may change it, so every feed reads the whole (small) set and reports the tickets whose agents
 * or states differ from its last reading; refreshes that change nothing report nothing.
 */
export class PresenceTracker {
  private current: Map<number, TicketPresence> | null = null;

  /** Takes a new snapshot and returns the tickets that changed; the first snapshot is only a baseline. */
  update(rows: readonly PresenceWithTicket[]): PresenceChange[] {
    const next = group(rows);
    const previous = this.current;
    this.current = next;
    if (previous === null) return [];
    const changes: PresenceChange[] = [];
    for (const [ticketId, now] of next) {
      if (previous.get(ticketId)?.signature !== now.signature) changes.push(now.change);
    }
    for (const [ticketId, before] of previous) {
      if (!next.has(ticketId)) changes.push({ ...before.change, agents: [] });
    }
    return changes;
  }

  /** Forgets the snapshot, so the next one is a baseline again. */
  reset(): void {
    this.current = null;
  }
}
