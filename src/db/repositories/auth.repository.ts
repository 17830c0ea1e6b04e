import type { Db } from '../database.ts';
import { precompiled } from '../precompiled.ts';

/** SQL for sessions and API tokens. Both are stored by the SHA-256 of their secret, never the secret. */

/** Stores a new session under the hash of its cookie token. */
export async function insertSession(
  db: Db,
  row: {
    id: string;
    agentId: number;
    csrfToken: string;
    createdAt: number;
    expiresAt: number;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: row.id,
      agent_id: row.agentId,
      csrf_token: row.csrfToken,
      created_at: row.createdAt,
      expires_at: row.expiresAt,
      last_seen_at: row.createdAt,
      ip: row.ip,
      user_agent: row.userAgent,
    })
    .execute();
}

/** The session stored under this id, if it has not expired at `now`. */
export async function findLiveSession(db: Db, id: string, now: number) {
  const row = await db
    .selectFrom('sessions')
    .select(['id', 'agent_id', 'csrf_token', 'created_at', 'expires_at', 'last_seen_at'])
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        agentId: row.agent_id,
        csrfToken: row.csrf_token,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        lastSeenAt: row.last_seen_at,
      }
    : null;
}

/** Records activity on a session and moves its expiry. */
export async function touchSession(db: Db, id: string, now: number, expiresAt: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

/** Deletes one session; deleting one that does not exist is not an error. */
export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Deletes every session of an agent (after a password reset). */
export async function deleteSessionsOfAgent(db: Db, agentId: number): Promise<void> {
  await db.deleteFrom('sessions').where('agent_id', '=', agentId).execute();
}

/** Deletes every session expired at `now` and returns how many there were. */
export async function deleteExpiredSessions(db: Db, now: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface ApiTokenRow {
  id: number;
  agentId: number;
  name: string;
  tokenPrefix: string;
  createdAt: number;
  lastUsedAt: number | null;
  expiresAt: number | null;
  revokedAt: number | null;
}

const TOKEN_COLUMNS = [
  'id',
  'agent_id',
  'name',
  'token_prefix',
  'created_at',
  'last_used_at',
  'expires_at',
  'revoked_at',
] as const;

function toApiToken(row: {
  id: number;
  agent_id: number;
  name: string;
  token_prefix: string;
  created_at: number;
  last_used_at: number | null;
  expires_at: number | null;
  revoked_at: number | null;
}): ApiTokenRow {
  return {
    id: row.id,
    agentId: row.agent_id,
    name: row.name,
    tokenPrefix: row.token_prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/** Stores a new API token under the hash of its secret. */
export async function insertApiToken(
  db: Db,
  row: {
    agentId: number;
    name: string;
    tokenHash: string;
    tokenPrefix: string;
    createdAt: number;
    expiresAt: number | null;
  },
): Promise<ApiTokenRow> {
  const inserted = await db
    .insertInto('api_tokens')
    .values({
      agent_id: row.agentId,
      name: row.name,
      token_hash: row.tokenHash,
      token_prefix: row.tokenPrefix,
      created_at: row.createdAt,
      expires_at: row.expiresAt,
    })
    .returning(TOKEN_COLUMNS)
    .executeTakeFirstOrThrow();
  return toApiToken(inserted);
}

/** The token whose secret hashes to `tokenHash`, revoked or not. */
const tokenByHash = precompiled((db: Db, tokenHash: string) =>
  db.selectFrom('api_tokens').select(TOKEN_COLUMNS).where('token_hash', '=', tokenHash),
);

export async function findApiTokenByHash(db: Db, tokenHash: string): Promise<ApiTokenRow | null> {
  const row = await tokenByHash.executeTakeFirst(db, tokenHash);
  return row ? toApiToken(row) : null;
}

/** One token by id, revoked or not. */
export async function findApiToken(db: Db, id: number): Promise<ApiTokenRow | null> {
  const row = await db.selectFrom('api_tokens').select(TOKEN_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toApiToken(row) : null;
}

/** Tokens in creation order: one agent's, or everyone's when `agentId` is null. */
export async function listApiTokens(db: Db, agentId: number | null): Promise<ApiTokenRow[]> {
  let query = db.selectFrom('api_tokens').select(TOKEN_COLUMNS).orderBy('id');
  if (agentId !== null) query = query.where('agent_id', '=', agentId);
  return (await query.execute()).map(toApiToken);
}

/** Records when a token was last used. */
export async function markApiTokenUsed(db: Db, id: number, now: number): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}

/** Revokes a token, keeping the time of the first revocation. */
export async function revokeApiToken(db: Db, id: number, now: number): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
