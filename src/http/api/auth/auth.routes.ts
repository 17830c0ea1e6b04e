import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../domain/errors.ts';
import { iso } from '../../../lib/json.ts';
import { loadAgentProfile } from '../../../services/auth/load-agent-actor.ts';
import { loginAgent, logoutSession } from '../../../services/auth/sessions.ts';
import type { ServiceDeps } from '../../../services/deps.ts';
import { agentOf, SESSION_COOKIE } from '../../auth/authenticate.ts';
import { ErrorResponse, errorResponses } from '../common.schema.ts';
import { presentAgentSummary, presentMe } from './auth.presenter.ts';
import { LoginBody, LoginResponse, MeResponse, NoContent } from './auth.schema.ts';
import { createLoginRateLimit, type LoginRateLimitOptions } from './login-rate-limit.ts';

export interface AuthRouteOptions {
  /** The session cookie is marked Secure when the public URL is https. */
  publicUrl: string;
  loginRateLimit: LoginRateLimitOptions;
}

/** Sign-in, sign-out and "who am I", in their own scope so the login rate limiter touches nothing else. */
export async function registerAuthRoutes(
  api: FastifyInstance,
  deps: ServiceDeps,
  options: AuthRouteOptions,
): Promise<void> {
  await api.register(async (scope) => {
    const limitLogin = await createLoginRateLimit(scope, options.loginRateLimit);
    const app = scope.withTypeProvider<TypeBoxTypeProvider>();
    // No Max-Age: the cookie lasts as long as the browser session, the server enforces the idle timeout.
    const cookieOptions = {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: /^https:/i.test(options.publicUrl),
    } as const;

    app.post(
      '/auth/login',
      {
        config: { access: 'public', ignoresSessionCookie: true },
        preHandler: limitLogin,
        schema: {
          tags: ['auth'],
          summary: 'Sign in with email and password; sets the session cookie',
          security: [],
          body: LoginBody,
          response: { 200: LoginResponse, ...errorResponses, 429: ErrorResponse },
        },
      },
      async (request, reply) => {
        const session = await loginAgent(deps, {
          email: request.body.email,
          password: request.body.password,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
          replacesToken: request.cookies[SESSION_COOKIE] ?? null,
        });
        const profile = await loadAgentProfile(deps, session.agentId);
        if (!profile) throw new AppError('invalid_credentials', 'The email or password is not correct');
        reply.setCookie(SESSION_COOKIE, session.token, cookieOptions).header('cache-control', 'no-store');
        return {
          agent: presentAgentSummary(profile),
          csrfToken: session.csrfToken,
          expiresAt: iso(session.expiresAt) as string,
        };
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { access: 'agent' },
        schema: {
          tags: ['auth'],
          summary: 'End the session of the session cookie and clear the cookie',
          response: { 204: NoContent, ...errorResponses },
        },
      },
      async (request, reply) => {
        const auth = request.auth;
        if (auth?.method !== 'session') {
          throw new AppError(
            'validation_failed',
            'Only a session cookie can be signed out; revoke an API token with DELETE /api/v1/tokens/{id}',
            { in: 'header', field: 'authorization' },
          );
        }
        await logoutSession(deps, auth.sessionToken);
        reply.clearCookie(SESSION_COOKIE, cookieOptions);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/auth/me',
      {
        config: { access: 'agent' },
        schema: {
          tags: ['auth'],
          summary: 'The signed-in agent, their departments and teams (and the CSRF token of a session)',
          response: { 200: MeResponse, ...errorResponses },
        },
      },
      async (request, reply) => {
        const profile = await loadAgentProfile(deps, agentOf(request).agentId);
        if (!profile || !request.auth) throw new AppError('unauthenticated', 'Sign in or send an API token');
        reply.header('cache-control', 'no-store');
        return presentMe(profile, request.auth);
      },
    );
  });
}
