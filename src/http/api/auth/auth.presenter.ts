import type { Static } from 'typebox';
import type { AgentProfile } from '../../../services/auth/load-agent-actor.ts';
import type { AgentSummary, MeResponse } from './auth.schema.ts';

/** The agent as the sign-in answer names them. */
export function presentAgentSummary(profile: AgentProfile): Static<typeof AgentSummary> {
  return { id: profile.id, name: profile.name, email: profile.email, isAdmin: profile.isAdmin };
}

/** The signed-in agent with their departments and teams, and the CSRF token of a cookie session. */
export function presentMe(
  profile: AgentProfile,
  auth: { method: 'session'; csrfToken: string } | { method: 'token' },
): Static<typeof MeResponse> {
  return {
    ...presentAgentSummary(profile),
    departments: profile.departments,
    teamIds: profile.teamIds,
    authMethod: auth.method,
    ...(auth.method === 'session' ? { csrfToken: auth.csrfToken } : {}),
  };
}
