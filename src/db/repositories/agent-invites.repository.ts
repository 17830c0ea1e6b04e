import type { Db } from '../database.ts';

/** SQL for agent invitations: one-time links, stored by the SHA-256 of their token, to set a password. */

export interface AgentInviteRecord {
  agentId: number;
  expiresAt: number;
  usedAt: number | null;
  email: string;
  name: string;
  isActive: boolean;
}

/** Stores an invitation under the hash of its token. */
export async function insertAgentInvite(
  db: Db,
  row: { tokenHash: string; agentId: number; createdAt: number; expiresAt: number },
): Promise<void> {
  await db
    .insertInto('agent_invites')
    .values({
      token_hash: row.tokenHash,
      agent_id: row.agentId,
      created_at: row.createdAt,
      expires_at: row.expiresAt,
      used_at: null,
    })
    .execute();
}

/** An invitation with the agent it is for, or null when no invitation has this hash. */
export async function findAgentInvite(db: Db, tokenHash: string): Promise<AgentInviteRecord | null> {
  const row = await db
    .selectFrom('agent_invites')
    .innerJoin('agents', 'agents.id', 'agent_invites.agent_id')
    .select([
      'agent_invites.agent_id',
      'agent_invites.expires_at',
      'agent_invites.used_at',
      'agents.email',
      'agents.name',
      'agents.is_active',
    ])
    .where('agent_invites.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row
    ? {
        agentId: row.agent_id,
        expiresAt: row.expires_at,
        usedAt: row.used_at,
        email: row.email,
        name: row.name,
        isActive: row.is_active === 1,
      }
    : null;
}

/**
 * Marks an invitation used if it is unused and unexpired at `now`; answers whether this call did it.
 * The conditional update is the claim: of two requests racing with one link, only one changes the row.
 */
export async function claimAgentInvite(db: Db, tokenHash: string, now: number): Promise<boolean> {
  const claimed = await db
    .updateTable('agent_invites')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

/** Deletes invitations that expired before `before` (used or not); returns how many went. */
export async function deleteExpiredAgentInvites(db: Db, before: number): Promise<number> {
  const result = await db.deleteFrom('agent_invites').where('expires_at', '<=', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
