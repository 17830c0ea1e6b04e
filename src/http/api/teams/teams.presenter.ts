import type { Static } from 'typebox';
import type { TeamRecord } from '../../../db/repositories/teams.repository.ts';
import { iso } from '../../../lib/json.ts';
import type { Team } from './teams.schema.ts';

/** A team as the API shows it. */
export function presentTeam(team: TeamRecord): Static<typeof Team> {
  return {
    id: team.id,
    name: team.name,
    leadAgentId: team.leadAgentId,
    isActive: team.isActive,
    memberIds: team.memberIds,
    createdAt: iso(team.createdAt) as string,
    updatedAt: iso(team.updatedAt) as string,
  };
}
