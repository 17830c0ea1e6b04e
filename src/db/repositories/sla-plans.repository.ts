import type { Selectable } from 'kysely';
import type { Db, SlaPlansTable } from '../database.ts';

export interface SlaPlanRecord {
  id: number;
  name: string;
  firstResponseHours: number | null;
  resolutionHours: number;
  isActive: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface SlaPlanFields {
  name: string;
  firstResponseHours: number | null;
  resolutionHours: number;
  isActive: boolean;
}

function toSlaPlan(row: Selectable<SlaPlansTable>): SlaPlanRecord {
  return {
    id: row.id,
    name: row.name,
    firstResponseHours: row.first_response_hours,
    resolutionHours: row.resolution_hours,
    isActive: row.is_active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toColumns(fields: Partial<SlaPlanFields>) {
  return {
    ...(fields.name !== undefined ? { name: fields.name } : {}),
    ...(fields.firstResponseHours !== undefined ? { first_response_hours: fields.firstResponseHours } : {}),
    ...(fields.resolutionHours !== undefined ? { resolution_hours: fields.resolutionHours } : {}),
    ...(fields.isActive !== undefined ? { is_active: fields.isActive ? 1 : 0 } : {}),
  };
}

/** Every SLA plan, by name. */
export async function listSlaPlans(db: Db): Promise<SlaPlanRecord[]> {
  const rows = await db.selectFrom('sla_plans').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(toSlaPlan);
}

/** One SLA plan, or null. */
export async function findSlaPlan(db: Db, id: number): Promise<SlaPlanRecord | null> {
  const row = await db.selectFrom('sla_plans').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSlaPlan(row) : null;
}

/** Inserts an SLA plan and returns its id. */
export async function insertSlaPlan(db: Db, fields: SlaPlanFields, now: number): Promise<number> {
  const row = await db
    .insertInto('sla_plans')
    .values({
      name: fields.name,
      first_response_hours: fields.firstResponseHours,
      resolution_hours: fields.resolutionHours,
      is_active: fields.isActive ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the given fields of an SLA plan. */
export async function updateSlaPlan(
  db: Db,
  id: number,
  fields: Partial<SlaPlanFields>,
  now: number,
): Promise<void> {
  await db
    .updateTable('sla_plans')
    .set({ ...toColumns(fields), updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Deletes an SLA plan. */
export async function deleteSlaPlan(db: Db, id: number): Promise<void> {
  await db.deleteFrom('sla_plans').where('id', '=', id).execute();
}
