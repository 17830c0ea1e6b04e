import { mapUniqueViolation } from '../../db/errors.ts';
import type { AgentFields, AgentRecord } from '../../db/repositories/agents.repository.ts';
import * as repo from '../../db/repositories/agents.repository.ts';
import { deleteSessionsOfAgent } from '../../db/repositories/auth.repository.ts';
import { replaceAgentTeams } from '../../db/repositories/teams.repository.ts';
import { AppError } from '../../domain/errors.ts';
import type { AgentActor } from '../../domain/permissions/permissions.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import {
  type AgentInput,
  checkAgentReferences,
  checkDepartmentAccess,
  emailTaken,
  getAgent,
} from './agents.ts';

/** The 422 for an administrator about to lock themselves out; another administrator must do it. */
export function selfLockout(field: string, rule: string, action: string): AppError {
  return new AppError('unprocessable', `You cannot ${action}; ask another administrator`, { field, rule });
}

/**
 * Changes the given fields of an agent. Deactivating them ends their sessions, as does a new password
 * set by someone else; an administrator cannot demote or deactivate themselves.
 */
export async function updateAgent(
  deps: ServiceDeps,
  actor: AgentActor,
  id: number,
  patch: Partial<AgentInput>,
): Promise<AgentRecord> {
  const isSelf = actor.agentId === id;
  if (isSelf && patch.isAdmin === false) {
    throw selfLockout('isAdmin', 'self_demotion', 'remove your own administrator access');
  }
  if (isSelf && patch.isActive === false)
    throw selfLockout('isActive', 'self_deactivation', 'deactivate yourself');
  const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
  return inTransaction(deps, async (tx) => {
    const current = await getAgent(tx, id);
    await checkAgentReferences(tx, patch);
    const departmentId = patch.departmentId ?? current.departmentId;
    // An agent moved into one of their extra departments keeps only the primary role there.
    const departments =
      patch.departments ?? current.departments.filter((grant) => grant.departmentId !== departmentId);
    if (patch.departments) checkDepartmentAccess(departmentId, patch.departments);
    const email = patch.email?.trim().toLowerCase();
    if (email !== undefined && (await repo.isAgentEmailTaken(tx.db, email, id))) throw emailTaken(email);
    const fields: Partial<AgentFields> = {
      ...(email !== undefined ? { email } : {}),
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(passwordHash !== undefined ? { passwordHash } : {}),
      ...(patch.isAdmin !== undefined ? { isAdmin: patch.isAdmin } : {}),
      ...(patch.isActive !== undefined ? { isActive: patch.isActive } : {}),
      ...(patch.departmentId !== undefined ? { departmentId: patch.departmentId } : {}),
      ...(patch.roleId !== undefined ? { roleId: patch.roleId } : {}),
    };
    await mapUniqueViolation(
      () => repo.updateAgent(tx.db, id, fields, tx.clock.now()),
      () => emailTaken(email ?? ''),
    );
    if (patch.departments || departments.length !== current.departments.length) {
      await repo.replaceAgentDepartments(tx.db, id, departments);
    }
    if (patch.teamIds !== undefined) await replaceAgentTeams(tx.db, id, patch.teamIds);
    const isDeactivated = current.isActive && patch.isActive === false;
    if (isDeactivated || (passwordHash !== undefined && !isSelf)) await deleteSessionsOfAgent(tx.db, id);
    return getAgent(tx, id);
  });
}
