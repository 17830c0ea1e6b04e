import type { Db } from '../database.ts';

/**
 * SQL for requesters signing in to the portal: their passwords, sessions and one-time sign-in links.
 * Sessions and links are stored by the SHA-256 of their secret, never the secret.
 */

/** A requester as the portal knows them. */
export interface PortalUserRecord {
  id: number;
  name: string;
  email: string | null;
  organizationId: number | null;
  organizationName: string | null;
  /** Whether the organization shares its members' tickets among them. */
  organizationSharesTickets: boolean;
  hasPassword: boolean;
}

/** The user who owns an address, with their password hash (null when they have none). */
export async function findUserCredentials(db: Db, address: string) {
  const row = await db
    .selectFrom('user_emails')
    .innerJoin('users', 'users.id', 'user_emails.user_id')
    .select(['users.id', 'users.name', 'users.password_hash'])
    .where('user_emails.address', '=', address.trim().toLowerCase())
    .executeTakeFirst();
  return row ? { userId: row.id, name: row.name, passwordHash: row.password_hash } : null;
}

/** A user's password hash; undefined when the user does not exist, null when they have no password. */
export async function findUserPasswordHash(db: Db, userId: number): Promise<string | null | undefined> {
  const row = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row ? row.password_hash : undefined;
}

/** Stores a user's new password hash. */
export async function setUserPasswordHash(db: Db, userId: number, hash: string, now: number): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: hash, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

/** A user with their primary address and organization, or null. */
export async function findPortalUser(db: Db, userId: number): Promise<PortalUserRecord | null> {
  const row = await db
    .selectFrom('users')
    .leftJoin('user_emails', (join) =>
      join.onRef('user_emails.user_id', '=', 'users.id').on('user_emails.is_primary', '=', 1),
    )
    .leftJoin('organizations', 'organizations.id', 'users.organization_id')
    .select([
      'users.id',
      'users.name',
      'users.password_hash',
      'users.organization_id',
      'user_emails.address',
      'organizations.name as organization_name',
      'organizations.share_tickets',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        name: row.name,
        email: row.address,
        organizationId: row.organization_id,
        organizationName: row.organization_name,
        organizationSharesTickets: row.share_tickets === 1,
        hasPassword: row.password_hash !== null,
      }
    : null;
}

/** Stores a new portal session under the hash of its cookie token. */
export async function insertPortalSession(
  db: Db,
  row: {
    id: string;
    userId: number;
    csrfToken: string;
    createdAt: number;
    expiresAt: number;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto('portal_sessions')
    .values({
      id: row.id,
      user_id: row.userId,
      csrf_token: row.csrfToken,
      created_at: row.createdAt,
      expires_at: row.expiresAt,
      last_seen_at: row.createdAt,
      ip: row.ip,
      user_agent: row.userAgent,
    })
    .execute();
}

/** The portal session stored under this id with its user's name, if it has not expired at `now`. */
export async function findLivePortalSession(db: Db, id: string, now: number) {
  const row = await db
    .selectFrom('portal_sessions')
    .innerJoin('users', 'users.id', 'portal_sessions.user_id')
    .select([
      'portal_sessions.user_id',
      'users.name',
      'portal_sessions.csrf_token',
      'portal_sessions.created_at',
      'portal_sessions.expires_at',
      'portal_sessions.last_seen_at',
    ])
    .where('portal_sessions.id', '=', id)
    .where('portal_sessions.expires_at', '>', now)
    .executeTakeFirst();
  return row
    ? {
        userId: row.user_id,
        userName: row.name,
        csrfToken: row.csrf_token,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        lastSeenAt: row.last_seen_at,
      }
    : null;
}

/** Records activity on a portal session and moves its expiry. */
export async function touchPortalSession(db: Db, id: string, now: number, expiresAt: number): Promise<void> {
  await db
    .updateTable('portal_sessions')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

/** Deletes one portal session; deleting one that does not exist is not an error. */
export async function deletePortalSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('portal_sessions').where('id', '=', id).execute();
}

/** Deletes every portal session of a user but one (the one that changed the password). */
export async function deleteOtherPortalSessions(db: Db, userId: number, keepId: string): Promise<void> {
  await db.deleteFrom('portal_sessions').where('user_id', '=', userId).where('id', '!=', keepId).execute();
}

/** Deletes expired portal sessions and used or expired sign-in links; returns how many rows went. */
export async function deleteExpiredPortalAuth(db: Db, now: number): Promise<number> {
  const sessions = await db.deleteFrom('portal_sessions').where('expires_at', '<=', now).executeTakeFirst();
  const links = await db
    .deleteFrom('portal_login_tokens')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('used_at', 'is not', null)]))
    .executeTakeFirst();
  return Number(sessions.numDeletedRows) + Number(links.numDeletedRows);
}

/** Stores a one-time sign-in link under the hash of its token. */
export async function insertLoginToken(
  db: Db,
  row: { id: string; userId: number; ticketId: number | null; createdAt: number; expiresAt: number },
): Promise<void> {
  await db
    .insertInto('portal_login_tokens')
    .values({
      id: row.id,
      user_id: row.userId,
      ticket_id: row.ticketId,
      created_at: row.createdAt,
      expires_at: row.expiresAt,
      used_at: null,
    })
    .execute();
}

/**
 * Marks a sign-in link used, if it is unused and unexpired at `now`, and returns whom it signs in. The
 * conditional update is the claim: of two requests racing with one link, only one changes the row.
 */
export async function consumeLoginToken(
  db: Db,
  id: string,
  now: number,
): Promise<{ userId: number; ticketId: number | null } | null> {
  const claimed = await db
    .updateTable('portal_login_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return null;
  const row = await db
    .selectFrom('portal_login_tokens')
    .select(['user_id', 'ticket_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { userId: row.user_id, ticketId: row.ticket_id };
}
