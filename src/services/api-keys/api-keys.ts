import { randomBytes } from 'node:crypto';
import { mapUniqueViolation } from '../../db/errors.ts';
import {
  type ApiKeyChanges,
  type ApiKeyRecord,
  deleteApiKey as deleteApiKeyRow,
  findApiKey,
  insertApiKey,
  listApiKeys as listApiKeyRows,
  updateApiKey as updateApiKeyRow,
} from '../../db/repositories/api-keys.repository.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { sha256Hex } from '../../lib/crypto.ts';
import type { ServiceDeps } from '../deps.ts';
import { normalizeAllowedAddress } from './ip-allowlist.ts';

export const MAX_NAME_LENGTH = 100;
export const MAX_IP_ADDRESSES = 50;
const PREFIX_LENGTH = 8;

export interface ApiKeySettings {
  name: string;
  ipAddresses?: string[] | undefined;
  canCreateTickets?: boolean | undefined;
  isActive?: boolean | undefined;
}

/**
 * The hash a key is stored under. osTicket keys are upper-case hex and osTicket compared them without
 * regard to case (MySQL's default collation), so hex keys are upper-cased first.
 */
export function hashApiKey(key: string): string {
  return sha256Hex(/^[0-9a-f]+$/i.test(key) ? key.toUpperCase() : key);
}

function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_NAME_LENGTH) {
    throw new AppError('validation_failed', `name must have 1 to ${MAX_NAME_LENGTH} characters`, {
      field: 'name',
    });
  }
  return trimmed;
}

function checkedAddresses(addresses: string[]): string[] {
  if (addresses.length > MAX_IP_ADDRESSES) {
    throw new AppError('validation_failed', `At most ${MAX_IP_ADDRESSES} addresses per key`, {
      field: 'ipAddresses',
    });
  }
  const normalized = addresses.map((entry, index) => {
    const address = normalizeAllowedAddress(entry);
    if (address === null) {
      throw new AppError(
        'validation_failed',
        `"${entry}" is neither an IP address nor a CIDR block (like 192.0.2.0/24)`,
        { field: `ipAddresses.${index}` },
      );
    }
    return address;
  });
  return [...new Set(normalized)];
}

/** Issues a key (osTicket's shape: 32 upper-case hex characters); it is returned here once, stored hashed. */
export async function createApiKey(
  deps: ServiceDeps,
  settings: ApiKeySettings,
  createdByAgentId: number | null,
): Promise<{ key: string; record: ApiKeyRecord }> {
  const name = checkedName(settings.name);
  const ipAddresses = checkedAddresses(settings.ipAddresses ?? []);
  const key = randomBytes(16).toString('hex').toUpperCase();
  const record = await mapUniqueViolation(
    () =>
      insertApiKey(deps.db, {
        name,
        keyHash: hashApiKey(key),
        keyPrefix: key.slice(0, PREFIX_LENGTH),
        ipAddresses,
        canCreateTickets: settings.canCreateTickets ?? true,
        isActive: settings.isActive ?? true,
        createdAt: deps.clock.now(),
        createdByAgentId,
      }),
    () => new AppError('already_exists', 'A key with this value exists; try again'),
  );
  return { key, record };
}

/** Every key, without its value. */
export async function listApiKeys(deps: ServiceDeps): Promise<ApiKeyRecord[]> {
  return listApiKeyRows(deps.db);
}

/** One key by id; not_found otherwise. */
export async function getApiKey(deps: ServiceDeps, id: number): Promise<ApiKeyRecord> {
  const record = await findApiKey(deps.db, id);
  if (!record) throw notFound('API key', id);
  return record;
}

/** Changes a key's name, allowed sources, permission or activity. */
export async function updateApiKey(
  deps: ServiceDeps,
  id: number,
  changes: Partial<ApiKeySettings>,
): Promise<ApiKeyRecord> {
  await getApiKey(deps, id);
  const checked: ApiKeyChanges = {};
  if (changes.name !== undefined) checked.name = checkedName(changes.name);
  if (changes.ipAddresses !== undefined) checked.ipAddresses = checkedAddresses(changes.ipAddresses);
  if (changes.canCreateTickets !== undefined) checked.canCreateTickets = changes.canCreateTickets;
  if (changes.isActive !== undefined) checked.isActive = changes.isActive;
  if (Object.keys(checked).length === 0) {
    throw new AppError('validation_failed', 'Nothing to change', { field: null });
  }
  await updateApiKeyRow(deps.db, id, checked);
  return getApiKey(deps, id);
}

/** Deletes a key; integrations using it get 401 from then on. */
export async function deleteApiKey(deps: ServiceDeps, id: number): Promise<void> {
  if (!(await deleteApiKeyRow(deps.db, id))) throw notFound('API key', id);
}
