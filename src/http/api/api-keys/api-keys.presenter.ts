import type { Static } from 'typebox';
import type { ApiKeyRecord } from '../../../db/repositories/api-keys.repository.ts';
import { iso } from '../../../lib/json.ts';
import type { ApiKey, CreatedApiKey } from './api-keys.schema.ts';

/** A key as listed: never its value. */
export function presentApiKey(record: ApiKeyRecord): Static<typeof ApiKey> {
  return {
    id: record.id,
    name: record.name,
    prefix: record.keyPrefix,
    ipAddresses: record.ipAddresses,
    canCreateTickets: record.canCreateTickets,
    isActive: record.isActive,
    createdAt: iso(record.createdAt) as string,
    lastUsedAt: iso(record.lastUsedAt),
    createdByAgentId: record.createdByAgentId,
  };
}

/** A key just created, with its value (the only time it is shown). */
export function presentCreatedApiKey(key: string, record: ApiKeyRecord): Static<typeof CreatedApiKey> {
  return { key, ...presentApiKey(record) };
}
