import type { AgentRecord, DepartmentAccess } from '../../db/repositories/agents.repository.ts';
import * as repo from '../../db/repositories/agents.repository.ts';
import { findMissingReference } from '../../db/repositories/references.repository.ts';
import { AppError, notFound, unknownReference } from '../../domain/errors.ts';
import type { ServiceDeps } from '../deps.ts';

export interface AgentInput {
  email: string;
  name: string;
  password?: string;
  isAdmin?: boolean;
  isActive?: boolean;
  departmentId: number;
  roleId: number;
  /** Departments beyond the primary one, each with the role the agent holds there. */
  departments?: readonly DepartmentAccess[];
  teamIds?: readonly number[];
}

/** Every agent with their department access and teams. */
export async function listAgents(deps: ServiceDeps): Promise<AgentRecord[]> {
  return repo.listAgents(deps.db);
}

/** One agent; not_found when they do not exist. */
export async function getAgent(deps: ServiceDeps, id: number): Promise<AgentRecord> {
  const agent = await repo.findAgent(deps.db, id);
  if (!agent) throw notFound('Agent', id);
  return agent;
}

/** The 409 for an email another agent signs in with. */
export function emailTaken(email: string): AppError {
  return new AppError('already_exists', `An agent with the email ${email} already exists`, {
    field: 'email',
    value: email,
  });
}

/** Checks that the extra departments name each department once and never the primary one. */
export function checkDepartmentAccess(
  primaryDepartmentId: number,
  access: readonly DepartmentAccess[],
): void {
  const seen = new Set<number>();
  for (const grant of access) {
    const problem =
      grant.departmentId === primaryDepartmentId
        ? `Department ${grant.departmentId} is the agent's primary department; set its role with roleId`
        : seen.has(grant.departmentId)
          ? `Department ${grant.departmentId} is listed twice`
          : null;
    if (problem) {
      throw new AppError('validation_failed', problem, {
        in: 'body',
        field: 'departments',
        id: grant.departmentId,
      });
    }
    seen.add(grant.departmentId);
  }
}

/** Answers unknown_reference for the first department, role or team of the input that does not exist. */
export async function checkAgentReferences(deps: ServiceDeps, input: Partial<AgentInput>): Promise<void> {
  const missing = await findMissingReference(deps.db, [
    { field: 'departmentId', table: 'departments', id: input.departmentId },
    { field: 'roleId', table: 'roles', id: input.roleId },
    {
      field: 'departments.departmentId',
      table: 'departments',
      id: input.departments?.map((grant) => grant.departmentId),
    },
    { field: 'departments.roleId', table: 'roles', id: input.departments?.map((grant) => grant.roleId) },
    { field: 'teamIds', table: 'teams', id: input.teamIds },
  ]);
  if (missing) throw unknownReference(missing.field, missing.id);
}
