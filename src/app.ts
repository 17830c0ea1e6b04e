import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { DEFAULT_LOGIN_RATE_LIMIT, type LoginRateLimitOptions } from './http/api/auth/login-rate-limit.ts';
import { registerApiRoutes } from './http/api/routes.ts';
import { installAuthentication } from './http/auth/authenticate.ts';
import { installErrorHandling } from './http/errors.ts';
import { registerHealthRoutes } from './http/ops/health.routes.ts';
import { registerOsticketRoutes } from './http/osticket/osticket.routes.ts';
import { validatorCompiler } from './http/validation.ts';
import { DEFAULT_WEB_ROOT, registerWebApp } from './http/web/web-app.ts';
import { LiveFeed, type LiveOptions } from './live/live-feed.ts';
import type { ServiceDeps } from './services/deps.ts';

export interface AppOptions {
  deps: ServiceDeps;
  /** Pino options, or false for a silent app (tests). */
  logger: boolean | { level: string };
  bodyLimitBytes: number;
  publicUrl: string;
  /** Sign-in attempts allowed per email and per address; defaults to DEFAULT_LOGIN_RATE_LIMIT. */
  loginRateLimit?: LoginRateLimitOptions;
  /** The built web app to serve (default web/dist); null serves none. */
  webRoot?: string | null;
  /** Tuning of the live event stream (polling, heartbeats, buffers); defaults to DEFAULT_LIVE_OPTIONS. */
  live?: Partial<LiveOptions>;
}

/** Builds the HTTP application; it never listens (server startup does that, tests use inject()). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger,
    bodyLimit: options.bodyLimitBytes,
    trustProxy: false,
    ajv: undefined,
    // Ticket numbers and tokens are case-sensitive; trailing slashes are tolerated.
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  installErrorHandling(app);
  // The API speaks JSON; a text body is a client mistake to answer with 415, not a string to validate.
  app.removeContentTypeParser('text/plain');

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tessera API',
        version: '1',
        description: 'The Tessera help desk REST API. Errors are {"error": {"code", "message", "details"}}.',
      },
      servers: [{ url: options.publicUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'A personal API token (tsr_...)' },
          session: { type: 'apiKey', in: 'cookie', name: 'tessera_session' },
          portalSession: { type: 'apiKey', in: 'cookie', name: 'tessera_portal' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerHealthRoutes(app, options.deps);
  // osTicket's paths, outside /api/v1, with their own key check, body formats and plain-text answers.
  await registerOsticketRoutes(app, options.deps);
  const liveFeed = new LiveFeed(options.deps, options.live, app.log);
  // Event streams never finish by themselves: they are ended before the server waits for open requests.
  app.addHook('preClose', async () => liveFeed.stop());
  app.addHook('onClose', async () => liveFeed.stop());
  // Authentication covers the API only; health checks and the API description are public.
  await app.register(
    async (api) => {
      installAuthentication(api, options.deps);
      await registerApiRoutes(api, options.deps, {
        publicUrl: options.publicUrl,
        loginRateLimit: options.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT,
        liveFeed,
      });
    },
    { prefix: '/api/v1' },
  );
  // The console and the portal; registered last so that every other route wins over its catch-all.
  if (options.webRoot !== null) await registerWebApp(app, { root: options.webRoot ?? DEFAULT_WEB_ROOT });
  return app;
}
