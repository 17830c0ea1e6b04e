import type { FastifyInstance } from 'fastify';
import type { ServiceDeps } from '../../../services/deps.ts';
import { registerPortalAuthRoutes } from './portal-auth.routes.ts';
import {
  createPortalLimiters,
  DEFAULT_PORTAL_RATE_LIMITS,
  type PortalRateLimitOptions,
} from './portal-rate-limits.ts';
import { registerPortalTicketRoutes } from './portal-tickets.routes.ts';

export interface PortalRouteOptions {
  /** The portal cookie is marked Secure when the public URL is https. */
  publicUrl: string;
  rateLimits?: PortalRateLimitOptions | undefined;
}

/**
 * The customer portal's API under /portal: requesters known by the portal cookie, never as agents. In
 * their own scope, so the portal's rate limiter touches nothing else.
 */
export async function registerPortalRoutes(
  api: FastifyInstance,
  deps: ServiceDeps,
  options: PortalRouteOptions,
): Promise<void> {
  await api.register(async (scope) => {
    const limiters = await createPortalLimiters(scope, options.rateLimits ?? DEFAULT_PORTAL_RATE_LIMITS);
    registerPortalAuthRoutes(scope, deps, { publicUrl: options.publicUrl, limiters });
    registerPortalTicketRoutes(scope, deps, { limiters });
  });
}
