import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../domain/errors.ts';

interface PerEmailAndAddress {
  perEmail: number;
  perIp: number;
  windowMs: number;
}

/** How often anyone may use the portal's open doors. */
export interface PortalRateLimitOptions {
  /** Tickets opened from the portal, per client address. */
  intake: { perIp: number; windowMs: number };
  /** Password sign-ins, per email tried and per address (as the agents' sign-in). */
  signIn: PerEmailAndAddress;
  /** Mailed links (sign-in link, "check a ticket"), per email and per address: each one sends mail. */
  links: PerEmailAndAddress;
  /** Password changes of a signed-in requester, per address (guessing the current password). */
  passwordChange: { perIp: number; windowMs: number };
}

const MINUTE_MS = 60_000;

export const DEFAULT_PORTAL_RATE_LIMITS: PortalRateLimitOptions = Object.freeze({
  intake: { perIp: 5, windowMs: 10 * MINUTE_MS },
  signIn: { perEmail: 10, perIp: 50, windowMs: 15 * MINUTE_MS },
  links: { perEmail: 5, perIp: 20, windowMs: 15 * MINUTE_MS },
  passwordChange: { perIp: 10, windowMs: 15 * MINUTE_MS },
});

export type Limiter = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export interface PortalLimiters {
  intake: Limiter;
  signIn: Limiter;
  links: Limiter;
  passwordChange: Limiter;
}

function emailKeyOf(request: FastifyRequest): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return `email:${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
}

type Check = ReturnType<FastifyInstance['createRateLimit']>;

/** One preHandler that counts a request against every check and answers 429 once any is spent. */
function limitBy(checks: Check[], what: string): Limiter {
  return async (request, reply) => {
    // Every check counts even when an earlier one is spent, so switching emails does not reset an address.
    let retryAfterSeconds = 0;
    for (const check of checks) {
      const result = await check(request);
      if (!result.isAllowed && result.isExceeded) {
        retryAfterSeconds = Math.max(retryAfterSeconds, result.ttlInSeconds, 1);
      }
    }
    if (retryAfterSeconds === 0) return;
    reply.header('retry-after', String(retryAfterSeconds));
    throw new AppError('rate_limited', `Too many ${what}; try again in ${retryAfterSeconds} seconds`, {
      retryAfterSeconds,
    });
  };
}

/**
 * Registers @fastify/rate-limit in the portal's scope (for no route by default) and returns the
 * preHandlers of its limited routes. Counts are kept in this process's memory, like the agents' sign-in
 * limit: each process of a scaled-out deployment counts on its own.
 */
export async function createPortalLimiters(
  scope: FastifyInstance,
  options: PortalRateLimitOptions,
): Promise<PortalLimiters> {
  await scope.register(rateLimit, { global: false });
  const perIp = (max: number, windowMs: number) => scope.createRateLimit({ max, timeWindow: windowMs });
  const perEmail = (max: number, windowMs: number) =>
    scope.createRateLimit({ max, timeWindow: windowMs, keyGenerator: emailKeyOf });
  const { intake, signIn, links, passwordChange } = options;
  return {
    intake: limitBy([perIp(intake.perIp, intake.windowMs)], 'tickets from this address'),
    signIn: limitBy(
      [perIp(signIn.perIp, signIn.windowMs), perEmail(signIn.perEmail, signIn.windowMs)],
      'sign-in attempts',
    ),
    links: limitBy(
      [perIp(links.perIp, links.windowMs), perEmail(links.perEmail, links.windowMs)],
      'requests for a link',
    ),
    passwordChange: limitBy([perIp(passwordChange.perIp, passwordChange.windowMs)], 'password changes'),
  };
}
