import type { Selectable } from 'kysely';
import type { AgentsTable, Db } from '../database.ts';

export interface DepartmentAccess {
  departmentId: number;
  roleId: number;
}

export interface AgentRecord {
  id: number;
  email: string;
  name: string;
  hasPassword: boolean;
  isAdmin: boolean;
  isActive: boolean;
  departmentId: number;
  roleId: number;
  departments: DepartmentAccess[];
  teamIds: number[];
  createdAt: number;
  updatedAt: number;
  lastLoginAt: number | null;
}

export interface AgentFields {
  email: string;
  name: string;
  passwordHash: string | null;
  isAdmin: boolean;
  isActive: boolean;
  departmentId: number;
  roleId: number;
}

async function accessOf(db: Db, agentIds: readonly number[]) {
  const departments = new Map<number, DepartmentAccess[]>();
  const teams = new Map<number, number[]>();
  if (agentIds.length === 0) return { departments, teams };
  const grants = await db
    .selectFrom('agent_departments')
    .select(['agent_id', 'department_id', 'role_id'])
    .where('agent_id', 'in', agentIds)
    .orderBy('department_id')
    .execute();
  for (const row of grants) {
    const access = { departmentId: row.department_id, roleId: row.role_id };
    departments.set(row.agent_id, [...(departments.get(row.agent_id) ?? []), access]);
  }
  const memberships = await db
    .selectFrom('team_members')
    .select(['agent_id', 'team_id'])
    .where('agent_id', 'in', agentIds)
    .orderBy('team_id')
    .execute();
  for (const row of memberships) teams.set(row.agent_id, [...(teams.get(row.agent_id) ?? []), row.team_id]);
  return { departments, teams };
}

function toAgent(row: Selectable<AgentsTable>, access: Awaited<ReturnType<typeof accessOf>>): AgentRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    hasPassword: row.password_hash !== null,
    isAdmin: row.is_admin === 1,
    isActive: row.is_active === 1,
    departmentId: row.department_id,
    roleId: row.role_id,
    departments: access.departments.get(row.id) ?? [],
    teamIds: access.teams.get(row.id) ?? [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastLoginAt: row.last_login_at,
  };
}

/** Every agent with their department access and teams, by name. */
export async function listAgents(db: Db): Promise<AgentRecord[]> {
  const rows = await db.selectFrom('agents').selectAll().orderBy('name').orderBy('id').execute();
  const access = await accessOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toAgent(row, access));
}

/** One agent with their department access and teams, or null. */
export async function findAgent(db: Db, id: number): Promise<AgentRecord | null> {
  const row = await db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAgent(row, await accessOf(db, [id])) : null;
}

/** Whether another agent already signs in with this (lower-cased) email. */
export async function isAgentEmailTaken(db: Db, email: string, exceptId: number | null): Promise<boolean> {
  const row = await db
    .selectFrom('agents')
    .select('id')
    .where('email', '=', email)
    .where('id', '<>', exceptId ?? 0)
    .executeTakeFirst();
  return row !== undefined;
}

/** Inserts an agent and returns their id. */
export async function insertAgent(db: Db, fields: AgentFields, now: number): Promise<number> {
  const row = await db
    .insertInto('agents')
    .values({
      email: fields.email,
      name: fields.name,
      password_hash: fields.passwordHash,
      is_admin: fields.isAdmin ? 1 : 0,
      is_active: fields.isActive ? 1 : 0,
      department_id: fields.departmentId,
      role_id: fields.roleId,
      created_at: now,
      updated_at: now,
      last_login_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the given fields of an agent. */
export async function updateAgent(
  db: Db,
  id: number,
  fields: Partial<AgentFields>,
  now: number,
): Promise<void> {
  await db
    .updateTable('agents')
    .set({
      ...(fields.email !== undefined ? { email: fields.email } : {}),
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(fields.passwordHash !== undefined ? { password_hash: fields.passwordHash } : {}),
      ...(fields.isAdmin !== undefined ? { is_admin: fields.isAdmin ? 1 : 0 } : {}),
      ...(fields.isActive !== undefined ? { is_active: fields.isActive ? 1 : 0 } : {}),
      ...(fields.departmentId !== undefined ? { department_id: fields.departmentId } : {}),
      ...(fields.roleId !== undefined ? { role_id: fields.roleId } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Makes `access` exactly the extra departments an agent works in. */
export async function replaceAgentDepartments(
  db: Db,
  agentId: number,
  access: readonly DepartmentAccess[],
): Promise<void> {
  await db.deleteFrom('agent_departments').where('agent_id', '=', agentId).execute();
  if (access.length === 0) return;
  await db
    .insertInto('agent_departments')
    .values(access.map((a) => ({ agent_id: agentId, department_id: a.departmentId, role_id: a.roleId })))
    .execute();
}

/** Deletes an agent (sessions, tokens, department access and memberships go with them). */
export async function deleteAgent(db: Db, id: number): Promise<void> {
  await db.deleteFrom('agents').where('id', '=', id).execute();
}
