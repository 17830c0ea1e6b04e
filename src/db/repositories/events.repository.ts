import type { Insertable } from 'kysely';
import { parseJson } from '../../lib/json.ts';
import type { Db, EventsTable } from '../database.ts';
import { precompiledWith } from '../precompiled.ts';

export interface EventRecord {
  id: number;
  ticketId: number;
  type: string;
  actorType: 'agent' | 'user' | 'system';
  actorAgentId: number | null;
  actorUserId: number | null;
  actorName: string | null;
  data: Record<string, unknown>;
  createdAt: number;
}

const insertEventRow = precompiledWith((db: Db, row: Omit<Insertable<EventsTable>, 'id'>) =>
  db.insertInto('events').values({
    ticket_id: row.ticket_id,
    type: row.type,
    actor_type: row.actor_type,
    actor_agent_id: row.actor_agent_id,
    actor_user_id: row.actor_user_id,
    data: row.data,
    created_at: row.created_at,
  }),
);

export async function insertEvents(db: Db, events: Omit<EventRecord, 'id' | 'actorName'>[]): Promise<void> {
  if (events.length === 0) return;
  const [only] = events;
  if (events.length === 1 && only) {
    await insertEventRow.run(db, {
      ticket_id: only.ticketId,
      type: only.type,
      actor_type: only.actorType,
      actor_agent_id: only.actorAgentId,
      actor_user_id: only.actorUserId,
      data: JSON.stringify(only.data),
      created_at: only.createdAt,
    });
    return;
  }
  await db
    .insertInto('events')
    .values(
      events.map((event) => ({
        ticket_id: event.ticketId,
        type: event.type,
        actor_type: event.actorType,
        actor_agent_id: event.actorAgentId,
        actor_user_id: event.actorUserId,
        data: JSON.stringify(event.data),
        created_at: event.createdAt,
      })),
    )
    .execute();
}

/** A ticket's events in order, with the acting agent's or user's name. */
export async function listEvents(db: Db, ticketId: number): Promise<EventRecord[]> {
  const rows = await db
    .selectFrom('events')
    .leftJoin('agents', 'agents.id', 'events.actor_agent_id')
    .leftJoin('users', 'users.id', 'events.actor_user_id')
    .selectAll('events')
    .select(['agents.name as agent_name', 'users.name as user_name'])
    .where('events.ticket_id', '=', ticketId)
    .orderBy('events.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    ticketId: row.ticket_id,
    type: row.type,
    actorType: row.actor_type as EventRecord['actorType'],
    actorAgentId: row.actor_agent_id,
    actorUserId: row.actor_user_id,
    actorName: row.agent_name ?? row.user_name ?? null,
    data: parseJson<Record<string, unknown>>(row.data, {}),
    createdAt: row.created_at,
  }));
}
