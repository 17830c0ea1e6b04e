import type { Selectable } from 'kysely';
import { parseJson } from '../../lib/json.ts';
import type { Db, RolesTable } from '../database.ts';

export interface RoleRecord {
  id: number;
  name: string;
  permissions: string[];
  createdAt: number;
  updatedAt: number;
}

function toRole(row: Selectable<RolesTable>): RoleRecord {
  return {
    id: row.id,
    name: row.name,
    permissions: parseJson<string[]>(row.permissions, []),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every role, by name. */
export async function listRoles(db: Db): Promise<RoleRecord[]> {
  const rows = await db.selectFrom('roles').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(toRole);
}

/** One role, or null. */
export async function findRole(db: Db, id: number): Promise<RoleRecord | null> {
  const row = await db.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRole(row) : null;
}

/** Inserts a role and returns its id. */
export async function insertRole(
  db: Db,
  fields: { name: string; permissions: readonly string[] },
  now: number,
): Promise<number> {
  const row = await db
    .insertInto('roles')
    .values({
      name: fields.name,
      permissions: JSON.stringify(fields.permissions),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the given fields of a role. */
export async function updateRole(
  db: Db,
  id: number,
  fields: { name?: string; permissions?: readonly string[] },
  now: number,
): Promise<void> {
  await db
    .updateTable('roles')
    .set({
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(fields.permissions !== undefined ? { permissions: JSON.stringify(fields.permissions) } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Deletes a role. */
export async function deleteRole(db: Db, id: number): Promise<void> {
  await db.deleteFrom('roles').where('id', '=', id).execute();
}
