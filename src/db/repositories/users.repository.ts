import type { Db } from '../database.ts';

export interface UserRecord {
  id: number;
  name: string;
  organizationId: number | null;
  emails: { address: string; isPrimary: boolean }[];
  createdAt: number;
  updatedAt: number;
}

/** The id of the user who owns an email address (addresses are stored lower-cased). */
export async function findUserIdByEmail(db: Db, address: string): Promise<number | null> {
  const row = await db
    .selectFrom('user_emails')
    .select('user_id')
    .where('address', '=', address.toLowerCase())
    .executeTakeFirst();
  return row?.user_id ?? null;
}

export async function findUser(db: Db, id: number): Promise<UserRecord | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const emails = await db
    .selectFrom('user_emails')
    .select(['address', 'is_primary'])
    .where('user_id', '=', id)
    .orderBy('is_primary', 'desc')
    .orderBy('id')
    .execute();
  return {
    id: row.id,
    name: row.name,
    organizationId: row.organization_id,
    emails: emails.map((e) => ({ address: e.address, isPrimary: e.is_primary === 1 })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Inserts a user with one primary email address. */
export async function insertUser(
  db: Db,
  input: { name: string; email: string; organizationId: number | null; now: number },
): Promise<number> {
  const user = await db
    .insertInto('users')
    .values({
      name: input.name,
      organization_id: input.organizationId,
      created_at: input.now,
      updated_at: input.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('user_emails')
    .values({ user_id: user.id, address: input.email.toLowerCase(), is_primary: 1 })
    .execute();
  return user.id;
}

/** The organization that claims an email domain, if any. */
export async function findOrganizationIdByDomain(db: Db, domain: string): Promise<number | null> {
  const row = await db
    .selectFrom('organization_domains')
    .select('organization_id')
    .where('domain', '=', domain.toLowerCase())
    .executeTakeFirst();
  return row?.organization_id ?? null;
}
