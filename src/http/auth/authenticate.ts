import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../domain/errors.ts';
import type { Actor, AgentActor, UserActor } from '../../domain/permissions/permissions.ts';
import { safeEqual } from '../../lib/crypto.ts';
import { authenticateApiToken } from '../../services/auth/api-tokens.ts';
import { loadAgentActor } from '../../services/auth/load-agent-actor.ts';
import { resumeSession } from '../../services/auth/sessions.ts';
import type { ServiceDeps } from '../../services/deps.ts';
import { resumePortalSession } from '../../services/portal/portal-sessions.ts';

export const SESSION_COOKIE = 'tessera_session';
export const PORTAL_COOKIE = 'tessera_portal';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Who may call a route. Every route states one; a route that states none is for agents. 'portal' is for
 * requesters signed in to the customer portal.
 */
export type Access = 'public' | 'agent' | 'admin' | 'portal';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    auth:
      | { method: 'session'; sessionToken: string; csrfToken: string }
      | { method: 'token'; tokenId: number }
      | null;
    /** A requester's portal session, on portal routes. */
    portalAuth: { sessionToken: string; csrfToken: string } | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** The route ignores a session cookie (sign-in, which replaces whatever session the browser had). */
    ignoresSessionCookie?: boolean;
    /** A customer-portal route: its caller is known by the portal cookie alone, never as an agent. */
    isPortal?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function requireCsrf(request: FastifyRequest, csrfToken: string): void {
  if (SAFE_METHODS.has(request.method)) return;
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !safeEqual(sent, csrfToken)) {
    throw new AppError('csrf_invalid', `Writes with a session cookie need the ${CSRF_HEADER} header`);
  }
}

/**
 * The requester behind the portal cookie. Portal routes read no agent cookie or token, so a browser
 * signed in to both the console and the portal is on each side exactly who it is there.
 */
async function authenticatePortalUser(
  request: FastifyRequest,
  deps: ServiceDeps,
  ignoresCookie: boolean,
): Promise<void> {
  const cookie = ignoresCookie ? undefined : request.cookies[PORTAL_COOKIE];
  const session = cookie ? await resumePortalSession(deps, cookie) : null;
  if (!cookie || !session) return;
  request.actor = { kind: 'user', userId: session.userId, name: session.userName };
  request.portalAuth = { sessionToken: cookie, csrfToken: session.csrfToken };
  requireCsrf(request, session.csrfToken);
}

function bearerOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new AppError('unauthenticated', 'The Authorization header must be "Bearer <token>"');
  return match[1];
}

/**
 * Resolves the caller from a bearer token or a session cookie, then enforces the route's access level.
 * Cookie-authenticated writes must echo the session's CSRF token in X-CSRF-Token (bearer tokens are not
 * sent by browsers on their own, so they need none). It runs on request, before the body is read, so an
 * anonymous caller gets a 401 without the body being parsed or its schema disclosed.
 */
export function installAuthentication(app: FastifyInstance, deps: ServiceDeps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('auth', null);
  app.decorateRequest('portalAuth', null);

  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const access: Access = request.routeOptions.config?.access ?? 'agent';
    const ignoresCookie = request.routeOptions.config?.ignoresSessionCookie === true;
    if (access === 'portal' || request.routeOptions.config?.isPortal === true) {
      await authenticatePortalUser(request, deps, ignoresCookie);
      if (access === 'portal' && !request.actor) {
        throw new AppError('unauthenticated', 'Sign in to the portal');
      }
      return;
    }
    const bearer = bearerOf(request);
    if (bearer !== null) {
      const token = await authenticateApiToken(deps, bearer);
      const actor = token ? await loadAgentActor(deps, token.agentId) : null;
      if (!token || !actor)
        throw new AppError('unauthenticated', 'The API token is unknown, expired or revoked');
      request.actor = actor;
      request.auth = { method: 'token', tokenId: token.id };
    } else {
      const cookie = ignoresCookie ? undefined : request.cookies[SESSION_COOKIE];
      if (cookie) {
        const session = await resumeSession(deps, cookie);
        const actor = session ? await loadAgentActor(deps, session.agentId) : null;
        if (session && actor) {
          request.actor = actor;
          request.auth = { method: 'session', sessionToken: cookie, csrfToken: session.csrfToken };
          requireCsrf(request, session.csrfToken);
        }
      }
    }
    if (access === 'public') return;
    if (!request.actor) throw new AppError('unauthenticated', 'Sign in or send an API token');
    if (access === 'admin' && !(request.actor.kind === 'agent' && request.actor.isAdmin)) {
      throw new AppError('forbidden', 'Only administrators can do this');
    }
  });
}

/** The signed-in requester and their portal session; routes with access 'portal' always have them. */
export function portalUserOf(request: FastifyRequest): {
  actor: UserActor;
  sessionToken: string;
  csrfToken: string;
} {
  if (request.actor?.kind !== 'user' || !request.portalAuth) {
    throw new AppError('unauthenticated', 'Sign in to the portal');
  }
  return { actor: request.actor, ...request.portalAuth };
}

/** The calling agent; routes with access 'agent' or 'admin' always have one. */
export function agentOf(request: FastifyRequest): AgentActor {
  if (request.actor?.kind !== 'agent') throw new AppError('unauthenticated', 'Sign in or send an API token');
  return request.actor;
}
