import { loadAgentAccess } from '../../db/repositories/agent-actor.repository.ts';
import { type AgentActor, isPermission, type Permission } from '../../domain/permissions/permissions.ts';
import { parseJson } from '../../lib/json.ts';
import type { ServiceDeps } from '../deps.ts';

/** An agent as they see themselves after signing in. */
export interface AgentProfile {
  id: number;
  name: string;
  email: string;
  isAdmin: boolean;
  /** Each department the agent's roles reach, with the permission keys granted there. */
  departments: { id: number; permissions: Permission[] }[];
  teamIds: number[];
}

/** Merges role grants into department id -> permission keys; a department granted twice gets both sets. */
function mergeGrants(grants: { departmentId: number; permissions: string }[]): Map<number, Set<Permission>> {
  const departmentPermissions = new Map<number, Set<Permission>>();
  for (const grant of grants) {
    const keys = parseJson<string[]>(grant.permissions, []).filter(isPermission);
    const existing = departmentPermissions.get(grant.departmentId) ?? new Set<Permission>();
    for (const key of keys) existing.add(key);
    departmentPermissions.set(grant.departmentId, existing);
  }
  return departmentPermissions;
}

/** The acting agent with the permissions their roles grant per department; null if missing or inactive. */
export async function loadAgentActor(
  deps: Pick<ServiceDeps, 'db'>,
  agentId: number,
): Promise<AgentActor | null> {
  const access = await loadAgentAccess(deps.db, agentId);
  if (!access?.isActive) return null;
  return {
    kind: 'agent',
    agentId: access.id,
    name: access.name,
    isAdmin: access.isAdmin,
    departmentPermissions: mergeGrants(access.grants),
    teamIds: access.teamIds,
  };
}

/** The profile of an active agent (who they are, where they may act); null if missing or inactive. */
export async function loadAgentProfile(
  deps: Pick<ServiceDeps, 'db'>,
  agentId: number,
): Promise<AgentProfile | null> {
  const access = await loadAgentAccess(deps.db, agentId);
  if (!access?.isActive) return null;
  const departments = [...mergeGrants(access.grants)].map(([id, keys]) => ({ id, permissions: [...keys] }));
  return {
    id: access.id,
    name: access.name,
    email: access.email,
    isAdmin: access.isAdmin,
    departments: departments.sort((a, b) => a.id - b.id),
    teamIds: access.teamIds,
  };
}
