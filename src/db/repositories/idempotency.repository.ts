import type { Db } from '../database.ts';

/** Deletes remembered Idempotency-Key answers recorded before `time`; returns how many went. */
export async function deleteIdempotencyKeysBefore(db: Db, time: number): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', time).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface IdempotencyRecord {
  requestHash: string;
  resourceType: string;
  resourceId: number;
}

/** What a caller's earlier request with this key created, if any. */
export async function findIdempotencyKey(
  db: Db,
  scope: string,
  key: string,
): Promise<IdempotencyRecord | null> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'resource_type', 'resource_id'])
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  return row
    ? { requestHash: row.request_hash, resourceType: row.resource_type, resourceId: row.resource_id }
    : null;
}

/** Remembers what a request with this key created; a concurrent duplicate fails on the primary key. */
export async function insertIdempotencyKey(
  db: Db,
  input: IdempotencyRecord & { scope: string; key: string; createdAt: number },
): Promise<void> {
  await db
    .insertInto('idempotency_keys')
    .values({
      scope: input.scope,
      key: input.key,
      request_hash: input.requestHash,
      resource_type: input.resourceType,
      resource_id: input.resourceId,
      created_at: input.createdAt,
    })
    .execute();
}
