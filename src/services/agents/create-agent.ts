import { mapUniqueViolation } from '../../db/errors.ts';
import type { AgentRecord } from '../../db/repositories/agents.repository.ts';
import * as repo from '../../db/repositories/agents.repository.ts';
import { replaceAgentTeams } from '../../db/repositories/teams.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import { inactiveInvitee, sendAgentInvite } from './agent-invites.ts';
import {
  type AgentInput,
  checkAgentReferences,
  checkDepartmentAccess,
  emailTaken,
  getAgent,
} from './agents.ts';

/**
 * Creates an agent; without a password they cannot sign in until one is set. With `invite`, they are
 * emailed a link to choose their password, in the same transaction.
 */
export async function createAgent(
  deps: ServiceDeps,
  input: AgentInput & { invite?: boolean },
): Promise<AgentRecord> {
  const email = input.email.trim().toLowerCase();
  if (input.invite === true && input.password !== undefined) {
    throw new AppError('validation_failed', 'Send an invitation or set a password, not both', {
      in: 'body',
      field: 'invite',
    });
  }
  if (input.invite === true && input.isActive === false) throw inactiveInvitee();
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
    if (input.invite === true) await sendAgentInvite(tx, { id, name: fields.name, email });
    return getAgent(tx, id);
  });
}
