import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { precompiled } from '../precompiled.ts';

export interface UserRecord {
  id: number;
  name: string;
  organizationId: number | null;
  emails: { address: string; isPrimary: boolean }[];
  createdAt: number;
  updatedAt: number;
}

/** The id of the user who owns an email address (addresses are stored lower-cased). */
const userIdByEmail = precompiled((db: Db, address: string) =>
  db.selectFrom('user_emails').select('user_id').where('address', '=', address),
);

export async function findUserIdByEmail(db: Db, address: string): Promise<number | null> {
  const row = await userIdByEmail.executeTakeFirst(db, address.toLowerCase());
  return row?.user_id ?? null;
}

export interface UserEmail {
  address: string;
  isPrimary: boolean;
}

const emailsOfOneUser = precompiled((db: Db, userId: number) =>
  db
    .selectFrom('user_emails')
    .select(['user_id', 'address', 'is_primary'])
    .where('user_id', '=', userId)
    .orderBy('is_primary', 'desc')
    .orderBy('id'),
);

async function emailsOf(db: Db, userIds: readonly number[]): Promise<Map<number, UserEmail[]>> {
  const emails = new Map<number, UserEmail[]>();
  if (userIds.length === 0) return emails;
  const rows =
    userIds.length === 1
      ? await emailsOfOneUser.execute(db, userIds[0] as number)
      : await db
          .selectFrom('user_emails')
          .select(['user_id', 'address', 'is_primary'])
          .where('user_id', 'in', userIds)
          .orderBy('is_primary', 'desc')
          .orderBy('id')
          .execute();
  for (const row of rows) {
    const email = { address: row.address, isPrimary: row.is_primary === 1 };
    emails.set(row.user_id, [...(emails.get(row.user_id) ?? []), email]);
  }
  return emails;
}

function toUser(
  row: { id: number; name: string; organization_id: number | null; created_at: number; updated_at: number },
  emails: UserEmail[],
): UserRecord {
  return {
    id: row.id,
    name: row.name,
    organizationId: row.organization_id,
    emails,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** One user with their email addresses, primary first, or null. */
const userById = precompiled((db: Db, id: number) => db.selectFrom('users').selectAll().where('id', '=', id));

export async function findUser(db: Db, id: number): Promise<UserRecord | null> {
  const row = await userById.executeTakeFirst(db, id);
  if (!row) return null;
  return toUser(row, (await emailsOf(db, [id])).get(id) ?? []);
}

// LIKE treats % and _ as wildcards; a search for "a_b" means those characters literally.
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * Users in id order after `afterId`, optionally narrowed to an organization and to those whose name (or
 * a word of it) or one of whose addresses starts with `q`. Returns up to `limit` users.
 */
export async function listUsers(
  db: Db,
  filter: { q: string | null; organizationId: number | null; afterId: number | null; limit: number },
): Promise<UserRecord[]> {
  let query = db.selectFrom('users').selectAll().orderBy('id').limit(filter.limit);
  if (filter.afterId !== null) query = query.where('id', '>', filter.afterId);
  if (filter.organizationId !== null) query = query.where('organization_id', '=', filter.organizationId);
  if (filter.q !== null) {
    const prefix = `${escapeLike(filter.q)}%`;
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower(users.name) like lower(${prefix}) escape '\\'`,
        sql<boolean>`lower(users.name) like lower(${`% ${prefix}`}) escape '\\'`,
        eb.exists(
          eb
            .selectFrom('user_emails')
            .select('user_emails.id')
            .whereRef('user_emails.user_id', '=', 'users.id')
            .where(sql<boolean>`user_emails.address like lower(${prefix}) escape '\\'`),
        ),
      ]),
    );
  }
  const rows = await query.execute();
  const emails = await emailsOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toUser(row, emails.get(row.id) ?? []));
}

/** Which user owns each of `addresses` (lower-cased), for those owned at all. */
export async function findEmailOwners(
  db: Db,
  addresses: readonly string[],
): Promise<{ address: string; userId: number }[]> {
  if (addresses.length === 0) return [];
  const rows = await db
    .selectFrom('user_emails')
    .select(['address', 'user_id'])
    .where('address', 'in', addresses)
    .execute();
  return rows.map((row) => ({ address: row.address, userId: row.user_id }));
}

/** Inserts a user with the given (lower-cased) addresses and returns their id. */
export async function insertUserWithEmails(
  db: Db,
  input: { name: string; organizationId: number | null; emails: readonly UserEmail[]; now: number },
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
  await replaceUserEmails(db, user.id, input.emails);
  return user.id;
}

/** Writes the given fields of a user. */
export async function updateUser(
  db: Db,
  id: number,
  fields: { name?: string; organizationId?: number | null },
  now: number,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(fields.organizationId !== undefined ? { organization_id: fields.organizationId } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Makes `emails` (lower-cased) exactly a user's addresses. */
export async function replaceUserEmails(db: Db, userId: number, emails: readonly UserEmail[]): Promise<void> {
  await db.deleteFrom('user_emails').where('user_id', '=', userId).execute();
  if (emails.length === 0) return;
  await db
    .insertInto('user_emails')
    .values(
      emails.map((email) => ({
        user_id: userId,
        address: email.address,
        is_primary: email.isPrimary ? 1 : 0,
      })),
    )
    .execute();
}

/** Deletes a user (their addresses go with them). */
export async function deleteUser(db: Db, id: number): Promise<void> {
  await db.deleteFrom('users').where('id', '=', id).execute();
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
