import {
  deleteExpiredPortalAuth,
  deletePortalSession,
  findLivePortalSession,
  findUserCredentials,
  insertPortalSession,
  touchPortalSession,
} from '../../db/repositories/portal-auth.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import { verifyPassword } from '../../lib/passwords.ts';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../auth/sessions.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';

// A requester's session lives as long as an agent's: the same idle and absolute limits.
export const PORTAL_SESSION_IDLE_MS = SESSION_IDLE_MS;
export const PORTAL_SESSION_MAX_MS = SESSION_MAX_MS;
// Extending on every request would write on every read; once a minute is enough.
const TOUCH_INTERVAL_MS = 60_000;

export interface NewPortalSession {
  token: string;
  csrfToken: string;
  userId: number;
  expiresAt: number;
}

export interface LivePortalSession {
  userId: number;
  userName: string;
  csrfToken: string;
  expiresAt: number;
}

/** Where a sign-in comes from, and the session the browser held before it (which ends). */
export interface SignInContext {
  ip: string | null;
  userAgent: string | null;
  replacesToken?: string | null | undefined;
}

/**
 * Opens a portal session for a user inside the caller's transaction. Every sign-in makes a fresh id, so
 * an id planted in the browser beforehand (session fixation) is worth nothing, and the session the
 * browser held before ends.
 */
export async function startPortalSession(
  tx: ServiceDeps,
  userId: number,
  context: SignInContext,
): Promise<NewPortalSession> {
  const now = tx.clock.now();
  const session: NewPortalSession = {
    token: randomToken(),
    csrfToken: randomToken(24),
    userId,
    expiresAt: now + PORTAL_SESSION_IDLE_MS,
  };
  if (context.replacesToken) await deletePortalSession(tx.db, sha256Hex(context.replacesToken));
  await insertPortalSession(tx.db, {
    id: sha256Hex(session.token),
    userId,
    csrfToken: session.csrfToken,
    createdAt: now,
    expiresAt: session.expiresAt,
    ip: context.ip,
    userAgent: context.userAgent?.slice(0, 500) ?? null,
  });
  return session;
}

/** Checks a requester's portal password and opens a session; unknown address and wrong password look alike. */
export async function loginPortalUser(
  deps: ServiceDeps,
  input: { email: string; password: string } & SignInContext,
): Promise<NewPortalSession> {
  const credentials = await findUserCredentials(deps.db, input.email);
  // A user without a password is checked against a decoy, so the answer takes as long as a real check.
  const isValid = await verifyPassword(credentials?.passwordHash ?? null, input.password);
  if (!credentials || !isValid) {
    throw new AppError('invalid_credentials', 'The email or password is not correct');
  }
  return inTransaction(deps, (tx) => startPortalSession(tx, credentials.userId, input));
}

/** The live portal session a cookie token belongs to, extending its idle timeout; null when unknown or expired. */
export async function resumePortalSession(
  deps: ServiceDeps,
  token: string,
): Promise<LivePortalSession | null> {
  const now = deps.clock.now();
  const id = sha256Hex(token);
  const session = await findLivePortalSession(deps.db, id, now);
  if (!session) return null;
  let expiresAt = session.expiresAt;
  if (now - session.lastSeenAt > TOUCH_INTERVAL_MS) {
    expiresAt = Math.min(now + PORTAL_SESSION_IDLE_MS, session.createdAt + PORTAL_SESSION_MAX_MS);
    await touchPortalSession(deps.db, id, now, expiresAt);
  }
  return { userId: session.userId, userName: session.userName, csrfToken: session.csrfToken, expiresAt };
}

/** Ends the portal session a cookie token belongs to; an unknown token is simply ignored. */
export async function logoutPortalSession(deps: ServiceDeps, token: string): Promise<void> {
  await deletePortalSession(deps.db, sha256Hex(token));
}

/** Deletes expired portal sessions and spent sign-in links (for the scheduled cleanup). */
export async function purgeExpiredPortalAuth(deps: ServiceDeps): Promise<number> {
  return deleteExpiredPortalAuth(deps.db, deps.clock.now());
}
