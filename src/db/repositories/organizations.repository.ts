import type { Selectable } from 'kysely';
import type { Db, OrganizationsTable } from '../database.ts';

export interface OrganizationRecord {
  id: number;
  name: string;
  domains: string[];
  /** Members see one another's tickets on the portal. */
  shareTickets: boolean;
  createdAt: number;
  updatedAt: number;
}

async function domainsOf(db: Db, organizationIds: readonly number[]): Promise<Map<number, string[]>> {
  const domains = new Map<number, string[]>();
  if (organizationIds.length === 0) return domains;
  const rows = await db
    .selectFrom('organization_domains')
    .select(['organization_id', 'domain'])
    .where('organization_id', 'in', organizationIds)
    .orderBy('domain')
    .execute();
  for (const row of rows) {
    domains.set(row.organization_id, [...(domains.get(row.organization_id) ?? []), row.domain]);
  }
  return domains;
}

function toOrganization(row: Selectable<OrganizationsTable>, domains: string[]): OrganizationRecord {
  return {
    id: row.id,
    name: row.name,
    domains,
    shareTickets: row.share_tickets === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every organization with its domains, by name. */
export async function listOrganizations(db: Db): Promise<OrganizationRecord[]> {
  const rows = await db.selectFrom('organizations').selectAll().orderBy('name').orderBy('id').execute();
  const domains = await domainsOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toOrganization(row, domains.get(row.id) ?? []));
}

/** One organization with its domains, or null. */
export async function findOrganization(db: Db, id: number): Promise<OrganizationRecord | null> {
  const row = await db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return toOrganization(row, (await domainsOf(db, [id])).get(id) ?? []);
}

/** Which organization claims each of `domains` (lower-cased), for those claimed at all. */
export async function findDomainOwners(
  db: Db,
  domains: readonly string[],
): Promise<{ domain: string; organizationId: number }[]> {
  if (domains.length === 0) return [];
  const rows = await db
    .selectFrom('organization_domains')
    .select(['domain', 'organization_id'])
    .where('domain', 'in', domains)
    .execute();
  return rows.map((row) => ({ domain: row.domain, organizationId: row.organization_id }));
}

/** Inserts an organization and returns its id. */
export async function insertOrganization(
  db: Db,
  name: string,
  now: number,
  shareTickets = false,
): Promise<number> {
  const row = await db
    .insertInto('organizations')
    .values({ name, share_tickets: shareTickets ? 1 : 0, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Renames an organization or changes its ticket sharing (or only marks it updated). */
export async function updateOrganization(
  db: Db,
  id: number,
  fields: { name?: string; shareTickets?: boolean },
  now: number,
): Promise<void> {
  await db
    .updateTable('organizations')
    .set({
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(fields.shareTickets !== undefined ? { share_tickets: fields.shareTickets ? 1 : 0 } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Makes `domains` (lower-cased) exactly the domains an organization claims. */
export async function replaceOrganizationDomains(
  db: Db,
  organizationId: number,
  domains: readonly string[],
): Promise<void> {
  await db.deleteFrom('organization_domains').where('organization_id', '=', organizationId).execute();
  if (domains.length === 0) return;
  await db
    .insertInto('organization_domains')
    .values(domains.map((domain) => ({ domain, organization_id: organizationId })))
    .execute();
}

/** Deletes an organization; its domains go with it and its users and tickets keep no organization. */
export async function deleteOrganization(db: Db, id: number): Promise<void> {
  await db.deleteFrom('organizations').where('id', '=', id).execute();
}
