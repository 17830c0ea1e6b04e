import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { iso } from '../../../lib/json.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { changePortalPassword, getPortalUser } from '../../../services/portal/portal-account.ts';
import {
  loginPortalUser,
  logoutPortalSession,
  type NewPortalSession,
} from '../../../services/portal/portal-sessions.ts';
import {
  requestSignInLink,
  requestTicketAccess,
  signInWithLink,
} from '../../../services/portal/sign-in-links.ts';
import { PORTAL_COOKIE, portalUserOf } from '../../auth/authenticate.ts';
import { NoContent } from '../auth/auth.schema.ts';
import { ErrorResponse, errorResponses } from '../common.schema.ts';
import { presentPortalUser } from './portal.presenter.ts';
import {
  Accepted,
  EmailBody,
  LinkTokenParams,
  PasswordBody,
  PortalLoginBody,
  PortalMe,
  SignInResponse,
  TicketAccessBody,
} from './portal.schema.ts';
import type { PortalLimiters } from './portal-rate-limits.ts';

const tags = ['portal'];
const security = [{ portalSession: [] }];
const limited = { ...errorResponses, 429: ErrorResponse };
const ACCEPTED = { message: 'If the address is known, a link is on its way; it works once, for 15 minutes.' };

/** Cookie attributes of the portal session: as the agents' cookie, Secure when the public URL is https. */
export function portalCookieOptions(publicUrl: string) {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: /^https:/i.test(publicUrl) } as const;
}

function signInContext(request: FastifyRequest) {
  return {
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
    replacesToken: request.cookies[PORTAL_COOKIE] ?? null,
  };
}

/**
 * Requester sign-in: by emailed one-time link (asked for by address, or by address and ticket number)
 * or by password; sign-out, "who am I" and setting a password. The answers to asking for a link never
 * tell whether the address is known.
 */
export function registerPortalAuthRoutes(
  parent: FastifyInstance,
  deps: ServiceDeps,
  options: { publicUrl: string; limiters: PortalLimiters },
): void {
  const api = parent.withTypeProvider<TypeBoxTypeProvider>();
  const cookieOptions = portalCookieOptions(options.publicUrl);
  const { limiters } = options;

  async function answerSignIn(reply: FastifyReply, session: NewPortalSession, ticketNumber: string | null) {
    const user = await getPortalUser(deps, session.userId);
    reply.setCookie(PORTAL_COOKIE, session.token, cookieOptions).header('cache-control', 'no-store');
    return {
      user: presentPortalUser(user),
      csrfToken: session.csrfToken,
      expiresAt: iso(session.expiresAt) as string,
      ticketNumber,
    };
  }

  api.post(
    '/portal/auth/link',
    {
      config: { access: 'public', isPortal: true, ignoresSessionCookie: true },
      preHandler: limiters.links,
      schema: {
        tags,
        summary: 'Email a one-time sign-in link to a known address (always 202)',
        security: [],
        body: EmailBody,
        response: { 202: Accepted, ...limited },
      },
    },
    async (request, reply) => {
      await requestSignInLink(deps, request.body.email);
      return reply.code(202).send(ACCEPTED);
    },
  );

  api.post(
    '/portal/ticket-access',
    {
      config: { access: 'public', isPortal: true, ignoresSessionCookie: true },
      preHandler: limiters.links,
      schema: {
        tags,
        summary: 'Check a ticket: email a sign-in link that opens it to its requester or a collaborator',
        description: 'Always 202, whether or not the address and number belong together.',
        security: [],
        body: TicketAccessBody,
        response: { 202: Accepted, ...limited },
      },
    },
    async (request, reply) => {
      await requestTicketAccess(deps, request.body);
      return reply.code(202).send(ACCEPTED);
    },
  );

  api.post(
    '/portal/auth/link/:token',
    {
      config: { access: 'public', isPortal: true, ignoresSessionCookie: true },
      schema: {
        tags,
        summary: 'Sign in with an emailed link; sets the portal cookie',
        description: 'Each link works once, for 15 minutes. A used, expired or unknown link is a 401.',
        security: [],
        params: LinkTokenParams,
        response: { 200: SignInResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const signedIn = await signInWithLink(deps, request.params.token, signInContext(request));
      return answerSignIn(reply, signedIn.session, signedIn.ticketNumber);
    },
  );

  api.post(
    '/portal/auth/login',
    {
      config: { access: 'public', isPortal: true, ignoresSessionCookie: true },
      preHandler: limiters.signIn,
      schema: {
        tags,
        summary: 'Sign in with email and password; sets the portal cookie',
        security: [],
        body: PortalLoginBody,
        response: { 200: SignInResponse, ...limited },
      },
    },
    async (request, reply) => {
      const session = await loginPortalUser(deps, { ...request.body, ...signInContext(request) });
      return answerSignIn(reply, session, null);
    },
  );

  api.post(
    '/portal/auth/logout',
    {
      config: { access: 'portal' },
      schema: {
        tags,
        summary: 'End the portal session and clear its cookie',
        security,
        response: { 204: NoContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      await logoutPortalSession(deps, portalUserOf(request).sessionToken);
      reply.clearCookie(PORTAL_COOKIE, cookieOptions);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/portal/me',
    {
      config: { access: 'portal' },
      schema: {
        tags,
        summary: 'The signed-in requester, with the CSRF token of the session',
        security,
        response: { 200: PortalMe, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { actor, csrfToken } = portalUserOf(request);
      reply.header('cache-control', 'no-store');
      return { ...presentPortalUser(await getPortalUser(deps, actor.userId)), csrfToken };
    },
  );

  api.put(
    '/portal/me/password',
    {
      config: { access: 'portal' },
      preHandler: limiters.passwordChange,
      schema: {
        tags,
        summary: 'Set the portal password (the current one is needed once there is one)',
        security,
        description: 'Every other portal session of the user ends.',
        body: PasswordBody,
        response: { 204: NoContent, ...limited },
      },
    },
    async (request, reply) => {
      const { actor, sessionToken } = portalUserOf(request);
      await changePortalPassword(deps, actor.userId, sessionToken, request.body);
      return reply.code(204).send(null);
    },
  );
}
