import type { FastifyRequest } from 'fastify';
import type { AgentActor } from '../../../domain/permissions/permissions.ts';
import { authenticateApiToken } from '../../../services/auth/api-tokens.ts';
import { loadAgentActor } from '../../../services/auth/load-agent-actor.ts';
import { resumeSession } from '../../../services/auth/sessions.ts';
import type { ServiceDeps } from '../../../services/deps.ts';

/**
 * How a long-lived stream checks its caller again: the same session or token that opened it, with the
 * agent's current permissions, or null once that session ended or the token was revoked.
 */
export function reauthenticatorOf(
  deps: ServiceDeps,
  request: FastifyRequest,
): () => Promise<AgentActor | null> {
  const auth = request.auth;
  if (auth?.method === 'session') {
    const token = auth.sessionToken;
    return async () => {
      const session = await resumeSession(deps, token);
      return session ? loadAgentActor(deps, session.agentId) : null;
    };
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  return async () => {
    const token = bearer ? await authenticateApiToken(deps, bearer) : null;
    return token ? loadAgentActor(deps, token.agentId) : null;
  };
}
