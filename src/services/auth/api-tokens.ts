import { findAgentCredentials, findAgentSummary } from '../../db/repositories/agent-actor.repository.ts';
import {
  type ApiTokenRow,
  findApiToken,
  findApiTokenByHash,
  insertApiToken,
  listApiTokens,
  markApiTokenUsed,
  revokeApiToken as revokeApiTokenRow,
} from '../../db/repositories/auth.repository.ts';
import { AppError, notFound, unknownReference } from '../../domain/errors.ts';
import type { AgentActor } from '../../domain/permissions/permissions.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import type { ServiceDeps } from '../deps.ts';

const TOKEN_PREFIX = 'tsr_';
// Recording every use would turn each API read into a write; once a minute is enough to show activity.
const USE_RECORD_INTERVAL_MS = 60_000;

/** Creates a personal API token for an agent; the secret is returned here once and stored only hashed. */
export async function createApiToken(
  deps: ServiceDeps,
  input: { agentId: number; name: string; expiresAt?: number | null },
): Promise<{ token: string; record: ApiTokenRow }> {
  const token = `${TOKEN_PREFIX}${randomToken()}`;
  const record = await insertApiToken(deps.db, {
    agentId: input.agentId,
    name: input.name,
    tokenHash: sha256Hex(token),
    tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 6),
    createdAt: deps.clock.now(),
    expiresAt: input.expiresAt ?? null,
  });
  return { token, record };
}

/**
 * Creates a token at an agent's request: for themselves, or for anyone when they are an administrator.
 * The owner must be an active agent and the expiry, if any, in the future.
 */
export async function issueApiToken(
  deps: ServiceDeps,
  actor: AgentActor,
  input: { name: string; agentId?: number; expiresAt?: number | null },
): Promise<{ token: string; record: ApiTokenRow }> {
  const agentId = input.agentId ?? actor.agentId;
  if (agentId !== actor.agentId && !actor.isAdmin) {
    throw new AppError('forbidden', 'Only administrators can create tokens for other agents');
  }
  const owner = await findAgentSummary(deps.db, agentId);
  if (!owner) throw unknownReference('agentId', agentId);
  if (!owner.isActive) {
    throw new AppError('validation_failed', `Agent ${agentId} is inactive; a token for them would not work`, {
      in: 'body',
      field: 'agentId',
    });
  }
  return createApiToken(deps, { agentId, name: input.name.trim(), expiresAt: checkedExpiry(deps, input) });
}

/** Creates a token for the active agent with this email (the command line's way in); not_found otherwise. */
export async function issueApiTokenForEmail(
  deps: ServiceDeps,
  input: { email: string; name: string; expiresAt?: number | null },
): Promise<{ token: string; record: ApiTokenRow }> {
  const agent = await findAgentCredentials(deps.db, input.email.trim());
  if (!agent) throw new AppError('not_found', `No agent has the email ${input.email}`);
  if (!agent.isActive) throw new AppError('not_found', `The agent ${input.email} is inactive`);
  return createApiToken(deps, {
    agentId: agent.id,
    name: input.name.trim(),
    expiresAt: checkedExpiry(deps, input),
  });
}

function checkedExpiry(deps: ServiceDeps, input: { expiresAt?: number | null }): number | null {
  const expiresAt = input.expiresAt ?? null;
  if (expiresAt !== null && expiresAt <= deps.clock.now()) {
    throw new AppError('validation_failed', 'expiresAt must be in the future', {
      in: 'body',
      field: 'expiresAt',
    });
  }
  return expiresAt;
}

/** The token record a bearer secret belongs to, if it is live. */
export async function authenticateApiToken(deps: ServiceDeps, token: string): Promise<ApiTokenRow | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const record = await findApiTokenByHash(deps.db, sha256Hex(token));
  const now = deps.clock.now();
  if (!record || record.revokedAt !== null || (record.expiresAt !== null && record.expiresAt <= now))
    return null;
  if (record.lastUsedAt === null || now - record.lastUsedAt > USE_RECORD_INTERVAL_MS) {
    await markApiTokenUsed(deps.db, record.id, now);
  }
  return record;
}

/** Tokens an agent may see: their own, or everyone's for an administrator asking for all. */
export async function listVisibleApiTokens(
  deps: ServiceDeps,
  actor: AgentActor,
  options: { all?: boolean } = {},
): Promise<ApiTokenRow[]> {
  if (options.all && !actor.isAdmin)
    throw new AppError('forbidden', 'Only administrators can list every token');
  return listApiTokens(deps.db, options.all ? null : actor.agentId);
}

/** Revokes a token; agents revoke their own, administrators any. */
export async function revokeApiToken(
  deps: ServiceDeps,
  actor: AgentActor,
  tokenId: number,
): Promise<ApiTokenRow> {
  const record = await findApiToken(deps.db, tokenId);
  if (!record || (record.agentId !== actor.agentId && !actor.isAdmin)) throw notFound('API token', tokenId);
  await revokeApiTokenRow(deps.db, tokenId, deps.clock.now());
  return (await findApiToken(deps.db, tokenId)) ?? record;
}
