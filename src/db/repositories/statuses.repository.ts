import type { Selectable } from 'kysely';
import type { Db, TicketStatusesTable } from '../database.ts';

export interface StatusRecord {
  id: number;
  name: string;
  state: string;
  sortOrder: number;
  isDefault: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface StatusFields {
  name: string;
  state: string;
  sortOrder: number;
  isDefault: boolean;
}

function toStatus(row: Selectable<TicketStatusesTable>): StatusRecord {
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    sortOrder: row.sort_order,
    isDefault: row.is_default === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every ticket status, in display order. */
export async function listStatuses(db: Db): Promise<StatusRecord[]> {
  const rows = await db
    .selectFrom('ticket_statuses')
    .selectAll()
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return rows.map(toStatus);
}

/** One ticket status, or null. */
export async function findStatus(db: Db, id: number): Promise<StatusRecord | null> {
  const row = await db.selectFrom('ticket_statuses').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toStatus(row) : null;
}

/** The statuses of one state other than `exceptId`, in display order. */
export async function listOtherStatusesOfState(
  db: Db,
  state: string,
  exceptId: number,
): Promise<StatusRecord[]> {
  const rows = await db
    .selectFrom('ticket_statuses')
    .selectAll()
    .where('state', '=', state)
    .where('id', '<>', exceptId)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  return rows.map(toStatus);
}

/** The sort order after the last status. */
export async function nextStatusSortOrder(db: Db): Promise<number> {
  const row = await db
    .selectFrom('ticket_statuses')
    .select((eb) => eb.fn.max('sort_order').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

/** Inserts a ticket status and returns its id. */
export async function insertStatus(db: Db, fields: StatusFields, now: number): Promise<number> {
  const row = await db
    .insertInto('ticket_statuses')
    .values({
      name: fields.name,
      state: fields.state,
      sort_order: fields.sortOrder,
      is_default: fields.isDefault ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the given fields of a ticket status. */
export async function updateStatus(
  db: Db,
  id: number,
  fields: Partial<StatusFields>,
  now: number,
): Promise<void> {
  await db
    .updateTable('ticket_statuses')
    .set({
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(fields.state !== undefined ? { state: fields.state } : {}),
      ...(fields.sortOrder !== undefined ? { sort_order: fields.sortOrder } : {}),
      ...(fields.isDefault !== undefined ? { is_default: fields.isDefault ? 1 : 0 } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Makes every status of `state` but `exceptId` non-default. */
export async function clearDefaultStatusOfState(
  db: Db,
  state: string,
  exceptId: number,
  now: number,
): Promise<void> {
  await db
    .updateTable('ticket_statuses')
    .set({ is_default: 0, updated_at: now })
    .where('state', '=', state)
    .where('id', '<>', exceptId)
    .where('is_default', '=', 1)
    .execute();
}

/** Deletes a ticket status. */
export async function deleteStatus(db: Db, id: number): Promise<void> {
  await db.deleteFrom('ticket_statuses').where('id', '=', id).execute();
}
