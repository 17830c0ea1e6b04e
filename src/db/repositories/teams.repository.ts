import type { Selectable } from 'kysely';
import type { Db, TeamsTable } from '../database.ts';

export interface TeamRecord {
  id: number;
  name: string;
  leadAgentId: number | null;
  isActive: boolean;
  memberIds: number[];
  createdAt: number;
  updatedAt: number;
}

export interface TeamFields {
  name: string;
  leadAgentId: number | null;
  isActive: boolean;
}

async function membersOf(db: Db, teamIds: readonly number[]): Promise<Map<number, number[]>> {
  const members = new Map<number, number[]>();
  if (teamIds.length === 0) return members;
  const rows = await db
    .selectFrom('team_members')
    .select(['team_id', 'agent_id'])
    .where('team_id', 'in', teamIds)
    .orderBy('agent_id')
    .execute();
  for (const row of rows) members.set(row.team_id, [...(members.get(row.team_id) ?? []), row.agent_id]);
  return members;
}

function toTeam(row: Selectable<TeamsTable>, memberIds: number[]): TeamRecord {
  return {
    id: row.id,
    name: row.name,
    leadAgentId: row.lead_agent_id,
    isActive: row.is_active === 1,
    memberIds,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every team with its members, by name. */
export async function listTeams(db: Db): Promise<TeamRecord[]> {
  const rows = await db.selectFrom('teams').selectAll().orderBy('name').orderBy('id').execute();
  const members = await membersOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toTeam(row, members.get(row.id) ?? []));
}

/** One team with its members, or null. */
export async function findTeam(db: Db, id: number): Promise<TeamRecord | null> {
  const row = await db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const members = await membersOf(db, [id]);
  return toTeam(row, members.get(id) ?? []);
}

/** Inserts a team and returns its id. */
export async function insertTeam(db: Db, fields: TeamFields, now: number): Promise<number> {
  const row = await db
    .insertInto('teams')
    .values({
      name: fields.name,
      lead_agent_id: fields.leadAgentId,
      is_active: fields.isActive ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the given fields of a team. */
export async function updateTeam(
  db: Db,
  id: number,
  fields: Partial<TeamFields>,
  now: number,
): Promise<void> {
  await db
    .updateTable('teams')
    .set({
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(fields.leadAgentId !== undefined ? { lead_agent_id: fields.leadAgentId } : {}),
      ...(fields.isActive !== undefined ? { is_active: fields.isActive ? 1 : 0 } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Makes `agentIds` exactly the members of a team. */
export async function replaceTeamMembers(db: Db, teamId: number, agentIds: readonly number[]): Promise<void> {
  await db.deleteFrom('team_members').where('team_id', '=', teamId).execute();
  if (agentIds.length === 0) return;
  await db
    .insertInto('team_members')
    .values([...new Set(agentIds)].map((agentId) => ({ team_id: teamId, agent_id: agentId })))
    .execute();
}

/** Makes `teamIds` exactly the teams an agent belongs to. */
export async function replaceAgentTeams(db: Db, agentId: number, teamIds: readonly number[]): Promise<void> {
  await db.deleteFrom('team_members').where('agent_id', '=', agentId).execute();
  if (teamIds.length === 0) return;
  await db
    .insertInto('team_members')
    .values([...new Set(teamIds)].map((teamId) => ({ team_id: teamId, agent_id: agentId })))
    .execute();
}

/** Deletes a team (its memberships go with it). */
export async function deleteTeam(db: Db, id: number): Promise<void> {
  await db.deleteFrom('teams').where('id', '=', id).execute();
}
