import { findAgentCredentials, recordAgentLogin } from '../../db/repositories/agent-actor.repository.ts';
import {
  deleteSession,
  findLiveSession,
  insertSession,
  touchSession,
} from '../../db/repositories/auth.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { HOUR_MS } from '../../lib/clock.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import { verifyPassword } from '../../lib/passwords.ts';
import type { ServiceDeps } from '../deps.ts';

/** Idle sessions end after this long; activity extends them. */
export const SESSION_IDLE_MS = 12 * HOUR_MS;
// Extending on every request would write on every read; once a minute is enough.
const TOUCH_INTERVAL_MS = 60_000;

export interface NewSession {
  token: string;
  csrfToken: string;
  agentId: number;
  expiresAt: number;
}

/**
 * Checks an agent's password and opens a new session. Each login makes a fresh session id, so an id
 * planted before login (session fixation) is worth nothing after it.
 */
export async function loginAgent(
  deps: ServiceDeps,
  input: { email: string; password: string; ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const credentials = await findAgentCredentials(deps.db, input.email.trim());
  const isValid = await verifyPassword(credentials?.passwordHash ?? null, input.password);
  if (!credentials || !isValid || !credentials.isActive) {
    throw new AppError('invalid_credentials', 'The email or password is not correct');
  }
  const now = deps.clock.now();
  const token = randomToken();
  const session: NewSession = {
    token,
    csrfToken: randomToken(24),
    agentId: credentials.id,
    expiresAt: now + SESSION_IDLE_MS,
  };
  await insertSession(deps.db, {
    id: sha256Hex(token),
    agentId: credentials.id,
    csrfToken: session.csrfToken,
    createdAt: now,
    expiresAt: session.expiresAt,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 500) ?? null,
  });
  await recordAgentLogin(deps.db, credentials.id, now);
  return session;
}

/** The live session a cookie token belongs to, extending its idle timeout; null when unknown or expired. */
export async function resumeSession(deps: ServiceDeps, token: string) {
  const now = deps.clock.now();
  const id = sha256Hex(token);
  const session = await findLiveSession(deps.db, id, now);
  if (!session) return null;
  if (now - session.lastSeenAt > TOUCH_INTERVAL_MS)
    await touchSession(deps.db, id, now, now + SESSION_IDLE_MS);
  return session;
}

/** Ends the session a cookie token belongs to. */
export async function logoutSession(deps: ServiceDeps, token: string): Promise<void> {
  await deleteSession(deps.db, sha256Hex(token));
}
