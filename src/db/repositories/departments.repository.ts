import type { Selectable } from 'kysely';
import type { Db, DepartmentsTable } from '../database.ts';

export interface DepartmentRecord {
  id: number;
  name: string;
  parentId: number | null;
  slaPlanId: number | null;
  isActive: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface DepartmentFields {
  name: string;
  parentId: number | null;
  slaPlanId: number | null;
  isActive: boolean;
}

function toDepartment(row: Selectable<DepartmentsTable>): DepartmentRecord {
  return {
    id: row.id,
    name: row.name,
    parentId: row.parent_id,
    slaPlanId: row.sla_plan_id,
    isActive: row.is_active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every department, by name; the tree is small enough to load whole for paths and cycle checks. */
export async function listDepartments(db: Db): Promise<DepartmentRecord[]> {
  const rows = await db.selectFrom('departments').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(toDepartment);
}

/** Inserts a department and returns its id. */
export async function insertDepartment(db: Db, fields: DepartmentFields, now: number): Promise<number> {
  const row = await db
    .insertInto('departments')
    .values({
      name: fields.name,
      parent_id: fields.parentId,
      sla_plan_id: fields.slaPlanId,
      is_active: fields.isActive ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the given fields of a department. */
export async function updateDepartment(
  db: Db,
  id: number,
  fields: Partial<DepartmentFields>,
  now: number,
): Promise<void> {
  await db
    .updateTable('departments')
    .set({
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(fields.parentId !== undefined ? { parent_id: fields.parentId } : {}),
      ...(fields.slaPlanId !== undefined ? { sla_plan_id: fields.slaPlanId } : {}),
      ...(fields.isActive !== undefined ? { is_active: fields.isActive ? 1 : 0 } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Deletes a department. */
export async function deleteDepartment(db: Db, id: number): Promise<void> {
  await db.deleteFrom('departments').where('id', '=', id).execute();
}
