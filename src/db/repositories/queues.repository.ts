import type { Selectable } from 'kysely';
import { parseJson } from '../../lib/json.ts';
import type { Db, QueuesTable } from '../database.ts';

/** A saved ticket search; `agentId` null means shared with every agent. */
export interface QueueRecord {
  id: number;
  name: string;
  agentId: number | null;
  /** The GET /tickets query keys it filters by. */
  filters: Record<string, unknown>;
  sort: string;
  position: number;
  createdAt: number;
  updatedAt: number;
}

export interface QueueFields {
  name: string;
  agentId: number | null;
  filters: Record<string, unknown>;
  sort: string;
  position: number;
}

function toQueue(row: Selectable<QueuesTable>): QueueRecord {
  return {
    id: row.id,
    name: row.name,
    agentId: row.agent_id,
    filters: parseJson<Record<string, unknown>>(row.filters, {}),
    sort: row.sort,
    position: row.position,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The agent's own queues and the shared ones, in their order. */
export async function listQueuesOf(db: Db, agentId: number): Promise<QueueRecord[]> {
  const rows = await db
    .selectFrom('queues')
    .selectAll()
    .where((eb) => eb.or([eb('agent_id', '=', agentId), eb('agent_id', 'is', null)]))
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map(toQueue);
}

/** One queue, or null. */
export async function findQueue(db: Db, id: number): Promise<QueueRecord | null> {
  const row = await db.selectFrom('queues').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toQueue(row) : null;
}

/** Whether the owner (null: the shared queues) already has another queue of this name, ignoring case. */
export async function isQueueNameTaken(
  db: Db,
  agentId: number | null,
  name: string,
  exceptId: number | null,
): Promise<boolean> {
  let query = db
    .selectFrom('queues')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .where('id', '<>', exceptId ?? 0);
  query = agentId === null ? query.where('agent_id', 'is', null) : query.where('agent_id', '=', agentId);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

/** The position after the owner's last queue. */
export async function nextQueuePosition(db: Db, agentId: number | null): Promise<number> {
  let query = db.selectFrom('queues').select((eb) => eb.fn.max('position').as('position'));
  query = agentId === null ? query.where('agent_id', 'is', null) : query.where('agent_id', '=', agentId);
  const row = await query.executeTakeFirst();
  return row?.position === null || row?.position === undefined ? 0 : Number(row.position) + 1;
}

/** Inserts a queue and returns its id. */
export async function insertQueue(db: Db, fields: QueueFields, now: number): Promise<number> {
  const row = await db
    .insertInto('queues')
    .values({
      name: fields.name,
      agent_id: fields.agentId,
      filters: JSON.stringify(fields.filters),
      sort: fields.sort,
      position: fields.position,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the given fields of a queue. */
export async function updateQueue(
  db: Db,
  id: number,
  fields: Partial<Omit<QueueFields, 'agentId'>>,
  now: number,
): Promise<void> {
  await db
    .updateTable('queues')
    .set({
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(fields.filters !== undefined ? { filters: JSON.stringify(fields.filters) } : {}),
      ...(fields.sort !== undefined ? { sort: fields.sort } : {}),
      ...(fields.position !== undefined ? { position: fields.position } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Deletes a queue. */
export async function deleteQueue(db: Db, id: number): Promise<void> {
  await db.deleteFrom('queues').where('id', '=', id).execute();
}
