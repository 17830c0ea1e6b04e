import {
  type ApiKeyRecord,
  findApiKeyByHash,
  markApiKeyUsed,
} from '../../db/repositories/api-keys.repository.ts';
import type { ServiceDeps } from '../deps.ts';
import { hashApiKey } from './api-keys.ts';
import { isAddressAllowed } from './ip-allowlist.ts';

// Recording every use would add a write to each ticket; once a minute is enough to show activity.
const USE_RECORD_INTERVAL_MS = 60_000;
const MAX_KEY_LENGTH = 200;

export type ApiKeyCheck =
  | { ok: true; key: ApiKeyRecord }
  | { ok: false; reason: 'missing' | 'unknown' | 'inactive' | 'address_not_allowed' };

/** Checks a presented key and the address it came from: known, active, and allowed from there. */
export async function authenticateApiKey(
  deps: ServiceDeps,
  presented: string | undefined,
  sourceAddress: string,
): Promise<ApiKeyCheck> {
  const value = presented?.trim() ?? '';
  if (value === '') return { ok: false, reason: 'missing' };
  if (value.length > MAX_KEY_LENGTH) return { ok: false, reason: 'unknown' };
  const key = await findApiKeyByHash(deps.db, hashApiKey(value));
  if (!key) return { ok: false, reason: 'unknown' };
  if (!key.isActive) return { ok: false, reason: 'inactive' };
  if (!isAddressAllowed(key.ipAddresses, sourceAddress)) return { ok: false, reason: 'address_not_allowed' };
  const now = deps.clock.now();
  if (key.lastUsedAt === null || now - key.lastUsedAt > USE_RECORD_INTERVAL_MS) {
    await markApiKeyUsed(deps.db, key.id, now);
  }
  return { ok: true, key };
}
