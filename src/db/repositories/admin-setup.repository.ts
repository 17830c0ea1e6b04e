import type { Db } from '../database.ts';

/** SQL behind `tessera admin create`: finding, creating and promoting an administrator. */

/** The id of the agent with this (lower-case) email, if any. */
export async function findAgentIdByEmail(db: Db, email: string): Promise<number | null> {
  const row = await db.selectFrom('agents').select('id').where('email', '=', email).executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Where a new administrator is placed: the first department and the all-access role (or, if that role
 * was renamed, the oldest role; administrators hold every permission whatever their role says).
 */
export async function findAdminPlacement(db: Db): Promise<{ departmentId: number; roleId: number } | null> {
  const department = await db.selectFrom('departments').select('id').orderBy('id').executeTakeFirst();
  const role =
    (await db.selectFrom('roles').select('id').where('name', '=', 'All access').executeTakeFirst()) ??
    (await db.selectFrom('roles').select('id').orderBy('id').executeTakeFirst());
  return department && role ? { departmentId: department.id, roleId: role.id } : null;
}

/** Inserts an active administrator and returns its id. */
export async function insertAdministrator(
  db: Db,
  input: {
    email: string;
    name: string;
    passwordHash: string;
    departmentId: number;
    roleId: number;
    now: number;
  },
): Promise<number> {
  const row = await db
    .insertInto('agents')
    .values({
      email: input.email,
      name: input.name,
      password_hash: input.passwordHash,
      is_admin: 1,
      is_active: 1,
      department_id: input.departmentId,
      role_id: input.roleId,
      created_at: input.now,
      updated_at: input.now,
      last_login_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Makes an existing agent an active administrator with a new name and password. */
export async function promoteToAdministrator(
  db: Db,
  agentId: number,
  input: { name: string; passwordHash: string; now: number },
): Promise<void> {
  await db
    .updateTable('agents')
    .set({
      name: input.name,
      password_hash: input.passwordHash,
      is_admin: 1,
      is_active: 1,
      updated_at: input.now,
    })
    .where('id', '=', agentId)
    .execute();
}
