import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../domain/errors.ts';

/** How many sign-in attempts an address and an email get per window. */
export interface LoginRateLimitOptions {
  perEmail: number;
  perIp: number;
  windowMs: number;
}

/**
 * An email gets few attempts, since guessing one account's password is the attack; an address gets
 * more, since a whole office often signs in from behind one NAT address.
 */
export const DEFAULT_LOGIN_RATE_LIMIT: LoginRateLimitOptions = Object.freeze({
  perEmail: 10,
  perIp: 50,
  windowMs: 15 * 60_000,
});

function emailKeyOf(request: FastifyRequest): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return `email:${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
}

/**
 * Registers @fastify/rate-limit in the calling scope, for no route by default, and returns a preHandler
 * that counts every sign-in attempt against both the caller's address and the email tried, answering
 * 429 rate_limited with Retry-After once either is spent. Counts are kept in this process's memory: each
 * process of a scaled-out deployment counts on its own.
 */
export async function createLoginRateLimit(
  scope: FastifyInstance,
  options: LoginRateLimitOptions,
): Promise<(request: FastifyRequest, reply: FastifyReply) => Promise<void>> {
  await scope.register(rateLimit, { global: false });
  const byIp = scope.createRateLimit({ max: options.perIp, timeWindow: options.windowMs });
  const byEmail = scope.createRateLimit({
    max: options.perEmail,
    timeWindow: options.windowMs,
    keyGenerator: emailKeyOf,
  });
  return async (request, reply) => {
    // Both are counted even when the first is spent, so switching emails does not reset an address.
    const results = [await byIp(request), await byEmail(request)];
    let retryAfterSeconds = 0;
    for (const result of results) {
      if (!result.isAllowed && result.isExceeded)
        retryAfterSeconds = Math.max(retryAfterSeconds, result.ttlInSeconds, 1);
    }
    if (retryAfterSeconds === 0) return;
    reply.header('retry-after', String(retryAfterSeconds));
    throw new AppError(
      'rate_limited',
      `Too many sign-in attempts; try again in ${retryAfterSeconds} seconds`,
      { retryAfterSeconds },
    );
  };
}
