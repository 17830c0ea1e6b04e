import { parseJson } from '../../lib/json.ts';
import type { Db } from '../database.ts';

/** The channel the live-notify triggers NOTIFY on (PostgreSQL). */
export const LIVE_CHANNEL = 'tessera_live';

/** Which table a change was read from; each is tailed by its own ids. */
export type LiveSource = 'event' | 'entry';

/** A new event or thread entry, with its ticket as it is now. */
export interface LiveTicketChange {
  source: LiveSource;
  /** The event's or the entry's id. */
  id: number;
  /** The event type, or the entry type (message, reply, note, resolution). */
  type: string;
  actorAgentId: number | null;
  /** The event's data (empty for entries). */
  data: Record<string, unknown>;
  ticketId: number;
  number: string;
  departmentId: number;
  assigneeAgentId: number | null;
  assigneeTeamId: number | null;
  state: string;
  updatedAt: number;
}

/** Which rows of a source to read: those after an id (up to a bound, at most `limit`), or these ids. */
export type LiveRange = { afterId: number; upToId?: number; limit: number } | { ids: readonly number[] };

const TICKET_COLUMNS = [
  'tickets.number',
  'tickets.department_id',
  'tickets.assignee_agent_id',
  'tickets.assignee_team_id',
  'tickets.state',
  'tickets.updated_at',
] as const;

async function readEvents(db: Db, range: LiveRange): Promise<LiveTicketChange[]> {
  let query = db
    .selectFrom('events')
    .innerJoin('tickets', 'tickets.id', 'events.ticket_id')
    .select(['events.id', 'events.ticket_id', 'events.type', 'events.actor_agent_id', 'events.data'])
    .select(TICKET_COLUMNS);
  if ('ids' in range) query = query.where('events.id', 'in', range.ids);
  else {
    query = query.where('events.id', '>', range.afterId).limit(range.limit);
    if (range.upToId !== undefined) query = query.where('events.id', '<=', range.upToId);
  }
  const rows = await query.orderBy('events.id').execute();
  return rows.map((row) => ({
    source: 'event',
    id: row.id,
    type: row.type,
    actorAgentId: row.actor_agent_id,
    data: parseJson<Record<string, unknown>>(row.data, {}),
    ticketId: row.ticket_id,
    number: row.number,
    departmentId: row.department_id,
    assigneeAgentId: row.assignee_agent_id,
    assigneeTeamId: row.assignee_team_id,
    state: row.state,
    updatedAt: row.updated_at,
  }));
}

async function readEntries(db: Db, range: LiveRange): Promise<LiveTicketChange[]> {
  let query = db
    .selectFrom('thread_entries')
    .innerJoin('tickets', 'tickets.id', 'thread_entries.ticket_id')
    .select(['thread_entries.id', 'thread_entries.ticket_id', 'thread_entries.type'])
    .select(['thread_entries.author_agent_id'])
    .select(TICKET_COLUMNS);
  if ('ids' in range) query = query.where('thread_entries.id', 'in', range.ids);
  else {
    query = query.where('thread_entries.id', '>', range.afterId).limit(range.limit);
    if (range.upToId !== undefined) query = query.where('thread_entries.id', '<=', range.upToId);
  }
  const rows = await query.orderBy('thread_entries.id').execute();
  return rows.map((row) => ({
    source: 'entry',
    id: row.id,
    type: row.type,
    actorAgentId: row.author_agent_id,
    data: {},
    ticketId: row.ticket_id,
    number: row.number,
    departmentId: row.department_id,
    assigneeAgentId: row.assignee_agent_id,
    assigneeTeamId: row.assignee_team_id,
    state: row.state,
    updatedAt: row.updated_at,
  }));
}

/** Events or thread entries in id order, each with its ticket; ids that name no row are skipped. */
export async function readLiveChanges(
  db: Db,
  source: LiveSource,
  range: LiveRange,
): Promise<LiveTicketChange[]> {
  if ('ids' in range && range.ids.length === 0) return [];
  return source === 'event' ? readEvents(db, range) : readEntries(db, range);
}

/** The highest event and thread-entry ids, where a feed starting now begins. */
export async function findLatestLiveIds(db: Db): Promise<{ event: number; entry: number }> {
  const [events, entries] = await Promise.all([
    db
      .selectFrom('events')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst(),
    db
      .selectFrom('thread_entries')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst(),
  ]);
  return { event: Number(events?.id ?? 0), entry: Number(entries?.id ?? 0) };
}
