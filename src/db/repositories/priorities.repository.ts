import type { Selectable } from 'kysely';
import type { Db, PrioritiesTable } from '../database.ts';

export interface PriorityRecord {
  id: number;
  key: string;
  name: string;
  urgency: number;
  color: string;
  isDefault: boolean;
}

export type PriorityFields = Omit<PriorityRecord, 'id'>;

function toPriority(row: Selectable<PrioritiesTable>): PriorityRecord {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    urgency: row.urgency,
    color: row.color,
    isDefault: row.is_default === 1,
  };
}

/** Every priority, most urgent first. */
export async function listPriorities(db: Db): Promise<PriorityRecord[]> {
  const rows = await db.selectFrom('priorities').selectAll().orderBy('urgency').orderBy('id').execute();
  return rows.map(toPriority);
}

/** One priority, or null. */
export async function findPriority(db: Db, id: number): Promise<PriorityRecord | null> {
  const row = await db.selectFrom('priorities').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toPriority(row) : null;
}

/** Whether a priority already has this key. */
export async function isPriorityKeyTaken(db: Db, key: string): Promise<boolean> {
  const row = await db.selectFrom('priorities').select('id').where('key', '=', key).executeTakeFirst();
  return row !== undefined;
}

/** Inserts a priority and returns its id. */
export async function insertPriority(db: Db, fields: PriorityFields): Promise<number> {
  const row = await db
    .insertInto('priorities')
    .values({
      key: fields.key,
      name: fields.name,
      urgency: fields.urgency,
      color: fields.color,
      is_default: fields.isDefault ? 1 : 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the given fields of a priority (the key never changes). */
export async function updatePriority(
  db: Db,
  id: number,
  fields: Partial<Omit<PriorityFields, 'key'>>,
): Promise<void> {
  const columns = {
    ...(fields.name !== undefined ? { name: fields.name } : {}),
    ...(fields.urgency !== undefined ? { urgency: fields.urgency } : {}),
    ...(fields.color !== undefined ? { color: fields.color } : {}),
    ...(fields.isDefault !== undefined ? { is_default: fields.isDefault ? 1 : 0 } : {}),
  };
  if (Object.keys(columns).length === 0) return;
  await db.updateTable('priorities').set(columns).where('id', '=', id).execute();
}

/** Makes every priority but `exceptId` non-default. */
export async function clearDefaultPriority(db: Db, exceptId: number): Promise<void> {
  await db
    .updateTable('priorities')
    .set({ is_default: 0 })
    .where('id', '<>', exceptId)
    .where('is_default', '=', 1)
    .execute();
}

/** Deletes a priority. */
export async function deletePriority(db: Db, id: number): Promise<void> {
  await db.deleteFrom('priorities').where('id', '=', id).execute();
}
