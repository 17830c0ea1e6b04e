import { parseJson } from '../../lib/json.ts';
import type { Db } from '../database.ts';

/** SQL for osTicket-compatible API keys, stored by the SHA-256 of the key, never the key. */

export interface ApiKeyRecord {
  id: number;
  name: string;
  keyPrefix: string;
  /** Allowed source addresses and CIDR blocks; empty allows any. */
  ipAddresses: string[];
  canCreateTickets: boolean;
  isActive: boolean;
  createdAt: number;
  lastUsedAt: number | null;
  createdByAgentId: number | null;
}

export type ApiKeyChanges = Partial<
  Pick<ApiKeyRecord, 'name' | 'ipAddresses' | 'canCreateTickets' | 'isActive'>
>;

const COLUMNS = [
  'id',
  'name',
  'key_prefix',
  'ip_addresses',
  'can_create_tickets',
  'is_active',
  'created_at',
  'last_used_at',
  'created_by_agent_id',
] as const;

function toApiKey(row: {
  id: number;
  name: string;
  key_prefix: string;
  ip_addresses: string;
  can_create_tickets: number;
  is_active: number;
  created_at: number;
  last_used_at: number | null;
  created_by_agent_id: number | null;
}): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.key_prefix,
    ipAddresses: parseJson<string[]>(row.ip_addresses, []),
    canCreateTickets: row.can_create_tickets === 1,
    isActive: row.is_active === 1,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    createdByAgentId: row.created_by_agent_id,
  };
}

/** Stores a new key under its hash. */
export async function insertApiKey(
  db: Db,
  row: Omit<ApiKeyRecord, 'id' | 'lastUsedAt'> & { keyHash: string },
): Promise<ApiKeyRecord> {
  const inserted = await db
    .insertInto('api_keys')
    .values({
      name: row.name,
      key_hash: row.keyHash,
      key_prefix: row.keyPrefix,
      ip_addresses: JSON.stringify(row.ipAddresses),
      can_create_tickets: row.canCreateTickets ? 1 : 0,
      is_active: row.isActive ? 1 : 0,
      created_at: row.createdAt,
      last_used_at: null,
      created_by_agent_id: row.createdByAgentId,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toApiKey(inserted);
}

/** The key whose value hashes to `keyHash`, active or not. */
export async function findApiKeyByHash(db: Db, keyHash: string): Promise<ApiKeyRecord | null> {
  const row = await db
    .selectFrom('api_keys')
    .select(COLUMNS)
    .where('key_hash', '=', keyHash)
    .executeTakeFirst();
  return row ? toApiKey(row) : null;
}

/** One key by id. */
export async function findApiKey(db: Db, id: number): Promise<ApiKeyRecord | null> {
  const row = await db.selectFrom('api_keys').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toApiKey(row) : null;
}

/** Every key, in creation order. */
export async function listApiKeys(db: Db): Promise<ApiKeyRecord[]> {
  return (await db.selectFrom('api_keys').select(COLUMNS).orderBy('id').execute()).map(toApiKey);
}

/** Changes a key's settings; its value never changes. */
export async function updateApiKey(db: Db, id: number, changes: ApiKeyChanges): Promise<void> {
  const values: {
    name?: string;
    ip_addresses?: string;
    can_create_tickets?: number;
    is_active?: number;
  } = {};
  if (changes.name !== undefined) values.name = changes.name;
  if (changes.ipAddresses !== undefined) values.ip_addresses = JSON.stringify(changes.ipAddresses);
  if (changes.canCreateTickets !== undefined) values.can_create_tickets = changes.canCreateTickets ? 1 : 0;
  if (changes.isActive !== undefined) values.is_active = changes.isActive ? 1 : 0;
  if (Object.keys(values).length === 0) return;
  await db.updateTable('api_keys').set(values).where('id', '=', id).execute();
}

/** Records when a key was last used. */
export async function markApiKeyUsed(db: Db, id: number, now: number): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
}

/** Deletes a key; returns whether there was one. */
export async function deleteApiKey(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('api_keys').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
