import type { Static } from 'typebox';
import type { ApiTokenRow } from '../../../db/repositories/auth.repository.ts';
import { iso } from '../../../lib/json.ts';
import type { ApiToken, CreatedToken } from './tokens.schema.ts';

/** A token as listed: never its secret. */
export function presentApiToken(record: ApiTokenRow): Static<typeof ApiToken> {
  return {
    id: record.id,
    agentId: record.agentId,
    name: record.name,
    prefix: record.tokenPrefix,
    createdAt: iso(record.createdAt) as string,
    lastUsedAt: iso(record.lastUsedAt),
    expiresAt: iso(record.expiresAt),
    revokedAt: iso(record.revokedAt),
  };
}

/** A token just created, with its secret (the only time it is shown). */
export function presentCreatedToken(token: string, record: ApiTokenRow): Static<typeof CreatedToken> {
  return {
    token,
    id: record.id,
    agentId: record.agentId,
    name: record.name,
    prefix: record.tokenPrefix,
    createdAt: iso(record.createdAt) as string,
    expiresAt: iso(record.expiresAt),
  };
}
