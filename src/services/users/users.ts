import { mapForeignKeyViolation } from '../../db/errors.ts';
import { findReferencingLabels } from '../../db/repositories/references.repository.ts';
import type { UserRecord } from '../../db/repositories/users.repository.ts';
import * as repo from '../../db/repositories/users.repository.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';

export const DEFAULT_USER_PAGE = 25;
export const MAX_USER_PAGE = 100;

export interface UserPage {
  items: UserRecord[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Users in id order, a page at a time: optionally those whose name (or a word of it) or an address
 * starts with `q`, and those of one organization.
 */
export async function searchUsers(
  deps: ServiceDeps,
  query: { q?: string; organizationId?: number; limit?: number; cursor?: string },
): Promise<UserPage> {
  const limit = Math.min(query.limit ?? DEFAULT_USER_PAGE, MAX_USER_PAGE);
  const afterId = query.cursor ? Number(query.cursor) : null;
  if (afterId !== null && !Number.isSafeInteger(afterId)) {
    throw new AppError('validation_failed', 'cursor is not one this API returned', {
      in: 'querystring',
      field: 'cursor',
    });
  }
  const q = query.q?.trim() || null;
  // One row more than asked for tells whether another page follows without counting.
  const rows = await repo.listUsers(deps.db, {
    q,
    organizationId: query.organizationId ?? null,
    afterId,
    limit: limit + 1,
  });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? String(last.id) : null };
}

/** One user with their addresses; not_found when they do not exist. */
export async function getUser(deps: ServiceDeps, id: number): Promise<UserRecord> {
  const user = await repo.findUser(deps.db, id);
  if (!user) throw notFound('User', id);
  return user;
}

/** Deletes a user who never opened a ticket. */
export async function deleteUser(deps: ServiceDeps, id: number): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const user = await getUser(tx, id);
    const inUse = () =>
      new AppError('in_use', `${user.name} is the requester of tickets and cannot be deleted`, {
        usedBy: ['tickets'],
      });
    const usedBy = await findReferencingLabels(tx.db, id, [
      { label: 'tickets', table: 'tickets', column: 'user_id' },
    ]);
    if (usedBy.length > 0) throw inUse();
    await mapForeignKeyViolation(() => repo.deleteUser(tx.db, id), inUse);
  });
}
