import { findAgentCredentials, recordAgentLogin } from '../../db/repositories/agent-actor.repository.ts';
import {
  deleteExpiredSessions,
  deleteSession,
  findLiveSession,
  insertSession,
  touchSession,
} from '../../db/repositories/auth.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { DAY_MS, HOUR_MS } from '../../lib/clock.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import { verifyPassword } from '../../lib/passwords.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';

/** Idle sessions end after this long; activity extends them. */
export const SESSION_IDLE_MS = 12 * HOUR_MS;
/** However active, a session ends this long after sign-in, so a stolen cookie is not good forever. */
export const SESSION_MAX_MS = 7 * DAY_MS;
// Extending on every request would write on every read; once a minute is enough.
const TOUCH_INTERVAL_MS = 60_000;

export interface NewSession {
  token: string;
  csrfToken: string;
  agentId: number;
  expiresAt: number;
}

export interface LiveSession {
  agentId: number;
  csrfToken: string;
  expiresAt: number;
}

/**
 * Checks an agent's password and opens a new session. Each login makes a fresh session id, so an id
 * planted before login (session fixation) is worth nothing after it; the session the caller held before
 * (`replacesToken`), if any, ends once the login succeeds.
 */
export async function loginAgent(
  deps: ServiceDeps,
  input: {
    email: string;
    password: string;
    ip: string | null;
    userAgent: string | null;
    replacesToken?: string | null;
  },
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
  // The password check stays outside the transaction: it is slow on purpose and needs no lock.
  await inTransaction(deps, async (tx) => {
    if (input.replacesToken) await deleteSession(tx.db, sha256Hex(input.replacesToken));
    await insertSession(tx.db, {
      id: sha256Hex(token),
      agentId: credentials.id,
      csrfToken: session.csrfToken,
      createdAt: now,
      expiresAt: session.expiresAt,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    });
    await recordAgentLogin(tx.db, credentials.id, now);
  });
  return session;
}

/** The live session a cookie token belongs to, extending its idle timeout; null when unknown or expired. */
export async function resumeSession(deps: ServiceDeps, token: string): Promise<LiveSession | null> {
  const now = deps.clock.now();
  const id = sha256Hex(token);
  const session = await findLiveSession(deps.db, id, now);
  if (!session) return null;
  let expiresAt = session.expiresAt;
  if (now - session.lastSeenAt > TOUCH_INTERVAL_MS) {
    expiresAt = Math.min(now + SESSION_IDLE_MS, session.createdAt + SESSION_MAX_MS);
    await touchSession(deps.db, id, now, expiresAt);
  }
  return { agentId: session.agentId, csrfToken: session.csrfToken, expiresAt };
}

/** Ends the session a cookie token belongs to; an unknown or expired token is simply ignored. */
export async function logoutSession(deps: ServiceDeps, token: string): Promise<void> {
  await deleteSession(deps.db, sha256Hex(token));
}

/** Deletes every session past its expiry and returns how many there were (for the scheduled cleanup). */
export async function purgeExpiredSessions(deps: ServiceDeps): Promise<number> {
  return deleteExpiredSessions(deps.db, deps.clock.now());
}
