import type { Db } from '../database.ts';
import { precompiled } from '../precompiled.ts';

// Read on every authenticated request.
const agentWithRole = precompiled((db: Db, agentId: number) =>
  db
    .selectFrom('agents')
    .innerJoin('roles', 'roles.id', 'agents.role_id')
    .select([
      'agents.id',
      'agents.name',
      'agents.email',
      'agents.is_admin',
      'agents.is_active',
      'agents.department_id',
      'roles.permissions',
    ])
    .where('agents.id', '=', agentId),
);
const extraDepartments = precompiled((db: Db, agentId: number) =>
  db
    .selectFrom('agent_departments')
    .innerJoin('roles', 'roles.id', 'agent_departments.role_id')
    .select(['agent_departments.department_id', 'roles.permissions'])
    .where('agent_departments.agent_id', '=', agentId),
);
const teamsOfAgent = precompiled((db: Db, agentId: number) =>
  db.selectFrom('team_members').select('team_id').where('agent_id', '=', agentId),
);

/** Everything needed to build an agent's permission set, in three small indexed reads. */
export async function loadAgentAccess(db: Db, agentId: number) {
  const agent = await agentWithRole.executeTakeFirst(db, agentId);
  if (!agent) return null;
  const extra = await extraDepartments.execute(db, agentId);
  const teams = await teamsOfAgent.execute(db, agentId);
  return {
    id: agent.id,
    name: agent.name,
    email: agent.email,
    isAdmin: agent.is_admin === 1,
    isActive: agent.is_active === 1,
    grants: [
      { departmentId: agent.department_id, permissions: agent.permissions },
      ...extra.map((row) => ({ departmentId: row.department_id, permissions: row.permissions })),
    ],
    teamIds: teams.map((row) => row.team_id),
  };
}

/** The id, password hash and active flag of the agent with this email (compared in lower case). */
export async function findAgentCredentials(db: Db, email: string) {
  const row = await db
    .selectFrom('agents')
    .select(['id', 'password_hash', 'is_active'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return row ? { id: row.id, passwordHash: row.password_hash, isActive: row.is_active === 1 } : null;
}

/** Records when an agent last signed in. */
export async function recordAgentLogin(db: Db, agentId: number, now: number): Promise<void> {
  await db.updateTable('agents').set({ last_login_at: now }).where('id', '=', agentId).execute();
}

/** The few facts about an agent that deciding on a token or session needs. */
export async function findAgentSummary(db: Db, agentId: number) {
  const row = await db
    .selectFrom('agents')
    .select(['id', 'email', 'name', 'is_active'])
    .where('id', '=', agentId)
    .executeTakeFirst();
  return row ? { id: row.id, email: row.email, name: row.name, isActive: row.is_active === 1 } : null;
}
