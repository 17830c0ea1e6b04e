import type { Static } from 'typebox';
import type { AgentRecord } from '../../../db/repositories/agents.repository.ts';
import { iso } from '../../../lib/json.ts';
import type { Agent } from './agents.schema.ts';

/** An agent as the API shows them: never their password hash. */
export function presentAgent(agent: AgentRecord): Static<typeof Agent> {
  return {
    id: agent.id,
    email: agent.email,
    name: agent.name,
    hasPassword: agent.hasPassword,
    isAdmin: agent.isAdmin,
    isActive: agent.isActive,
    departmentId: agent.departmentId,
    roleId: agent.roleId,
    departments: agent.departments.map((grant) => ({
      departmentId: grant.departmentId,
      roleId: grant.roleId,
    })),
    teamIds: agent.teamIds,
    createdAt: iso(agent.createdAt) as string,
    updatedAt: iso(agent.updatedAt) as string,
    lastLoginAt: iso(agent.lastLoginAt),
  };
}
