import { mapUniqueViolation } from '../../db/errors.ts';
import type { AgentRecord } from '../../db/repositories/agents.repository.ts';
import * as repo from '../../db/repositories/agents.repository.ts';
import { replaceAgentTeams } from '../../db/repositories/teams.repository.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import {
  type AgentInput,
  checkAgentReferences,
  checkDepartmentAccess,
  emailTaken,
  getAgent,
} from './agents.ts';

/** Creates an agent; without a password they cannot sign in until one is set. */
export async function createAgent(deps: ServiceDeps, input: AgentInput): Promise<AgentRecord> {
  const email = input.email.trim().toLowerCase();
  const departments = input.departments ?? [];
  checkDepartmentAccess(input.departmentId, departments);
  // Hashing is deliberately slow; do it before the transaction holds any lock.
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
  return inTransaction(deps, async (tx) => {
    await checkAgentReferences(tx, input);
    if (await repo.isAgentEmailTaken(tx.db, email, null)) throw emailTaken(email);
    const fields = {
      email,
      name: input.name.trim(),
      passwordHash,
      isAdmin: input.isAdmin ?? false,
      isActive: input.isActive ?? true,
      departmentId: input.departmentId,
      roleId: input.roleId,
    };
    const id = await mapUniqueViolation(
      () => repo.insertAgent(tx.db, fields, tx.clock.now()),
      () => emailTaken(email),
    );
    await repo.replaceAgentDepartments(tx.db, id, departments);
    await replaceAgentTeams(tx.db, id, input.teamIds ?? []);
    return getAgent(tx, id);
  });
}
