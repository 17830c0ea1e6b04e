import { loadAgentAccess } from '../../db/repositories/agent-actor.repository.ts';
import { type AgentActor, isPermission, type Permission } from '../../domain/permissions/permissions.ts';
import { parseJson } from '../../lib/json.ts';
import type { ServiceDeps } from '../deps.ts';

/** The acting agent with the permissions their roles grant per department; null if missing or inactive. */
export async function loadAgentActor(
  deps: Pick<ServiceDeps, 'db'>,
  agentId: number,
): Promise<AgentActor | null> {
  const access = await loadAgentAccess(deps.db, agentId);
  if (!access?.isActive) return null;
  const departmentPermissions = new Map<number, Set<Permission>>();
  for (const grant of access.grants) {
    const keys = parseJson<string[]>(grant.permissions, []).filter(isPermission);
    const existing = departmentPermissions.get(grant.departmentId) ?? new Set<Permission>();
    for (const key of keys) existing.add(key);
    departmentPermissions.set(grant.departmentId, existing);
  }
  return {
    kind: 'agent',
    agentId: access.id,
    name: access.name,
    isAdmin: access.isAdmin,
    departmentPermissions,
    teamIds: access.teamIds,
  };
}
