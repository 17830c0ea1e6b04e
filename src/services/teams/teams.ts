import { mapForeignKeyViolation, mapUniqueViolation } from '../../db/errors.ts';
import {
  findMissingReference,
  findReferencingLabels,
  isNameTaken,
} from '../../db/repositories/references.repository.ts';
import type { TeamRecord } from '../../db/repositories/teams.repository.ts';
import * as repo from '../../db/repositories/teams.repository.ts';
import { AppError, notFound, unknownReference } from '../../domain/errors.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';

export interface CreateTeamInput {
  name: string;
  leadAgentId?: number | null;
  isActive?: boolean;
  memberIds?: readonly number[];
}

function nameTaken(name: string): AppError {
  return new AppError('already_exists', `A team named "${name}" already exists`, {
    field: 'name',
    value: name,
  });
}

async function checkReferences(deps: ServiceDeps, input: Partial<CreateTeamInput>): Promise<void> {
  const missing = await findMissingReference(deps.db, [
    { field: 'leadAgentId', table: 'agents', id: input.leadAgentId },
    { field: 'memberIds', table: 'agents', id: input.memberIds },
  ]);
  if (missing) throw unknownReference(missing.field, missing.id);
}

/** Every team with its members. */
export async function listTeams(deps: ServiceDeps): Promise<TeamRecord[]> {
  return repo.listTeams(deps.db);
}

/** One team with its members; not_found when it does not exist. */
export async function getTeam(deps: ServiceDeps, id: number): Promise<TeamRecord> {
  const team = await repo.findTeam(deps.db, id);
  if (!team) throw notFound('Team', id);
  return team;
}

/** Creates a team with its members. */
export async function createTeam(deps: ServiceDeps, input: CreateTeamInput): Promise<TeamRecord> {
  const name = input.name.trim();
  return inTransaction(deps, async (tx) => {
    await checkReferences(tx, input);
    if (await isNameTaken(tx.db, 'teams', name)) throw nameTaken(name);
    const fields = { name, leadAgentId: input.leadAgentId ?? null, isActive: input.isActive ?? true };
    const id = await mapUniqueViolation(
      () => repo.insertTeam(tx.db, fields, tx.clock.now()),
      () => nameTaken(name),
    );
    await repo.replaceTeamMembers(tx.db, id, input.memberIds ?? []);
    return getTeam(tx, id);
  });
}

/** Changes the given fields of a team; `memberIds` replaces the whole membership. */
export async function updateTeam(
  deps: ServiceDeps,
  id: number,
  patch: Partial<CreateTeamInput>,
): Promise<TeamRecord> {
  return inTransaction(deps, async (tx) => {
    await getTeam(tx, id);
    await checkReferences(tx, patch);
    const name = patch.name?.trim();
    if (name !== undefined && (await isNameTaken(tx.db, 'teams', name, id))) throw nameTaken(name);
    const fields = {
      ...(name !== undefined ? { name } : {}),
      ...(patch.leadAgentId !== undefined ? { leadAgentId: patch.leadAgentId } : {}),
      ...(patch.isActive !== undefined ? { isActive: patch.isActive } : {}),
    };
    await mapUniqueViolation(
      () => repo.updateTeam(tx.db, id, fields, tx.clock.now()),
      () => nameTaken(name ?? ''),
    );
    if (patch.memberIds !== undefined) await repo.replaceTeamMembers(tx.db, id, patch.memberIds);
    return getTeam(tx, id);
  });
}

/** Deletes a team no ticket or help topic is assigned to (deactivate it to retire it). */
export async function deleteTeam(deps: ServiceDeps, id: number): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const team = await getTeam(tx, id);
    const usedBy = await findReferencingLabels(tx.db, id, [
      { label: 'tickets', table: 'tickets', column: 'assignee_team_id' },
      { label: 'topics', table: 'help_topics', column: 'assignee_team_id' },
    ]);
    const inUse = () =>
      new AppError(
        'in_use',
        `The team "${team.name}" is still assigned to ${usedBy.join(', ') || 'other records'}; deactivate it instead`,
        { usedBy },
      );
    if (usedBy.length > 0) throw inUse();
    await mapForeignKeyViolation(() => repo.deleteTeam(tx.db, id), inUse);
  });
}
