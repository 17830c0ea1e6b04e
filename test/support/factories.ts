import { createApiToken } from '../../src/services/auth/api-tokens.ts';
import type { TestContext } from './test-app.ts';

/**
 * Makes a non-admin agent in a department with one of the seeded roles (and optional extra departments),
 * and returns an API token for them. Written straight to the database so permission tests do not depend
 * on the admin API they may be testing.
 */
export async function createAgentWithToken(
  ctx: TestContext,
  input: {
    email: string;
    department: string;
    role: string;
    extra?: { department: string; role: string }[];
    teamIds?: number[];
  },
): Promise<{ agentId: number; token: string }> {
  const db = ctx.database.db;
  const departmentId = async (name: string) =>
    (await db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const roleId = async (name: string) =>
    (await db.selectFrom('roles').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const now = ctx.clock.now();
  const agent = await db
    .insertInto('agents')
    .values({
      email: input.email,
      name: input.email.split('@')[0] ?? input.email,
      password_hash: null,
      is_admin: 0,
      is_active: 1,
      department_id: await departmentId(input.department),
      role_id: await roleId(input.role),
      created_at: now,
      updated_at: now,
      last_login_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const grant of input.extra ?? []) {
    await db
      .insertInto('agent_departments')
      .values({
        agent_id: agent.id,
        department_id: await departmentId(grant.department),
        role_id: await roleId(grant.role),
      })
      .execute();
  }
  for (const teamId of input.teamIds ?? []) {
    await db.insertInto('team_members').values({ team_id: teamId, agent_id: agent.id }).execute();
  }
  const { token } = await createApiToken(ctx.deps, { agentId: agent.id, name: 'test' });
  return { agentId: agent.id, token };
}
