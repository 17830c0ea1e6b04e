import type { Db } from '../database.ts';

/**
 * SQL for named, expiring leases: at most one holder per name at a time. Taking and renewing are the
 * same single upsert, so two processes racing for a free or expired lease cannot both win.
 */

/**
 * Takes the lease `name` for `holder` until `now + ttlMs`, or renews it when `holder` already has it;
 * false when another holder's lease has not expired yet.
 */
export async function claimLease(
  db: Db,
  lease: { name: string; holder: string; now: number; ttlMs: number },
): Promise<boolean> {
  const expiresAt = lease.now + lease.ttlMs;
  const row = await db
    .insertInto('leases')
    .values({ name: lease.name, holder: lease.holder, expires_at: expiresAt, acquired_at: lease.now })
    .onConflict((conflict) =>
      conflict
        .column('name')
        .doUpdateSet((eb) => ({
          holder: eb.ref('excluded.holder'),
          expires_at: eb.ref('excluded.expires_at'),
          // A renewal keeps the time the lease was first taken; a takeover starts it afresh.
          acquired_at: eb
            .case()
            .when('leases.holder', '=', lease.holder)
            .then(eb.ref('leases.acquired_at'))
            .else(eb.ref('excluded.acquired_at'))
            .end(),
        }))
        .where((eb) =>
          eb.or([eb('leases.holder', '=', lease.holder), eb('leases.expires_at', '<=', lease.now)]),
        ),
    )
    .returning('holder')
    .executeTakeFirst();
  return row?.holder === lease.holder;
}

/** Gives up the lease `name` if `holder` has it, so another process can take it at once. */
export async function releaseLease(db: Db, lease: { name: string; holder: string }): Promise<void> {
  await db.deleteFrom('leases').where('name', '=', lease.name).where('holder', '=', lease.holder).execute();
}

/** Who holds the lease `name` and until when, or null when nobody ever took it (or it was released). */
export async function findLease(
  db: Db,
  name: string,
): Promise<{ holder: string; expiresAt: number; acquiredAt: number } | null> {
  const row = await db.selectFrom('leases').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? { holder: row.holder, expiresAt: row.expires_at, acquiredAt: row.acquired_at } : null;
}
