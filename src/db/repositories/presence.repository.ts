import type { Db } from '../database.ts';

export type PresenceState = 'viewing' | 'replying';

/** One agent on one ticket, while the row has not expired. */
export interface PresenceRecord {
  ticketId: number;
  agentId: number;
  agentName: string;
  state: PresenceState;
  /** When the agent entered this state (kept across refreshes of the same state). */
  startedAt: number;
  expiresAt: number;
}

/** A presence row with the facts of its ticket, for the live feed. */
export interface PresenceWithTicket extends PresenceRecord {
  number: string;
  departmentId: number;
  assigneeAgentId: number | null;
  assigneeTeamId: number | null;
}

/** Records that an agent is on a ticket until `expiresAt`; a refresh in the same state keeps its start. */
export async function upsertPresence(
  db: Db,
  input: { ticketId: number; agentId: number; state: PresenceState; now: number; expiresAt: number },
): Promise<void> {
  await db
    .insertInto('ticket_presence')
    .values({
      ticket_id: input.ticketId,
      agent_id: input.agentId,
      state: input.state,
      started_at: input.now,
      expires_at: input.expiresAt,
    })
    .onConflict((conflict) =>
      conflict.columns(['ticket_id', 'agent_id']).doUpdateSet((eb) => ({
        state: eb.ref('excluded.state'),
        expires_at: eb.ref('excluded.expires_at'),
        // An expired row is a new visit, and a change of state starts the clock again.
        started_at: eb
          .case()
          .when(
            eb.and([
              eb('ticket_presence.state', '=', eb.ref('excluded.state')),
              eb('ticket_presence.expires_at', '>', input.now),
            ]),
          )
          .then(eb.ref('ticket_presence.started_at'))
          .else(eb.ref('excluded.started_at'))
          .end(),
      })),
    )
    .execute();
}

/** Forgets an agent's presence on a ticket. */
export async function deletePresence(db: Db, ticketId: number, agentId: number): Promise<void> {
  await db
    .deleteFrom('ticket_presence')
    .where('ticket_id', '=', ticketId)
    .where('agent_id', '=', agentId)
    .execute();
}

/** The agents on a ticket whose presence has not expired, longest there first. */
export async function listTicketPresence(db: Db, ticketId: number, now: number): Promise<PresenceRecord[]> {
  const rows = await db
    .selectFrom('ticket_presence')
    .innerJoin('agents', 'agents.id', 'ticket_presence.agent_id')
    .select([
      'ticket_presence.ticket_id',
      'ticket_presence.agent_id',
      'agents.name',
      'ticket_presence.state',
      'ticket_presence.started_at',
      'ticket_presence.expires_at',
    ])
    .where('ticket_presence.ticket_id', '=', ticketId)
    .where('ticket_presence.expires_at', '>', now)
    .orderBy('ticket_presence.started_at')
    .orderBy('ticket_presence.agent_id')
    .execute();
  return rows.map((row) => ({
    ticketId: row.ticket_id,
    agentId: row.agent_id,
    agentName: row.name,
    state: row.state as PresenceState,
    startedAt: row.started_at,
    expiresAt: row.expires_at,
  }));
}

/** Every unexpired presence with its ticket (at most `limit`), for the live feed to compare between polls. */
export async function listLivePresence(db: Db, now: number, limit: number): Promise<PresenceWithTicket[]> {
  const rows = await db
    .selectFrom('ticket_presence')
    .innerJoin('agents', 'agents.id', 'ticket_presence.agent_id')
    .innerJoin('tickets', 'tickets.id', 'ticket_presence.ticket_id')
    .select([
      'ticket_presence.ticket_id',
      'ticket_presence.agent_id',
      'agents.name',
      'ticket_presence.state',
      'ticket_presence.started_at',
      'ticket_presence.expires_at',
      'tickets.number',
      'tickets.department_id',
      'tickets.assignee_agent_id',
      'tickets.assignee_team_id',
    ])
    .where('ticket_presence.expires_at', '>', now)
    .orderBy('ticket_presence.ticket_id')
    .orderBy('ticket_presence.started_at')
    .orderBy('ticket_presence.agent_id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    ticketId: row.ticket_id,
    agentId: row.agent_id,
    agentName: row.name,
    state: row.state as PresenceState,
    startedAt: row.started_at,
    expiresAt: row.expires_at,
    number: row.number,
    departmentId: row.department_id,
    assigneeAgentId: row.assignee_agent_id,
    assigneeTeamId: row.assignee_team_id,
  }));
}

/** Deletes presence rows that expired before `now`; returns how many. */
export async function deleteExpiredPresence(db: Db, now: number): Promise<number> {
  const result = await db.deleteFrom('ticket_presence').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
