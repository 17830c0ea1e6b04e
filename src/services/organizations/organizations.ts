import { mapForeignKeyViolation, mapUniqueViolation } from '../../db/errors.ts';
import type { OrganizationRecord } from '../../db/repositories/organizations.repository.ts';
import * as repo from '../../db/repositories/organizations.repository.ts';
import { isNameTaken } from '../../db/repositories/references.repository.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';

export interface CreateOrganizationInput {
  name: string;
  domains?: readonly string[];
  /** Members see one another's tickets on the portal. */
  shareTickets?: boolean;
}

function nameTaken(name: string): AppError {
  return new AppError('already_exists', `An organization named "${name}" already exists`, {
    field: 'name',
    value: name,
  });
}

function domainTaken(domain: string): AppError {
  return new AppError('already_exists', `The domain ${domain} already belongs to another organization`, {
    field: 'domains',
    value: domain,
  });
}

/** Checks that no other organization claims any of the domains; returns them lower-cased, once each. */
async function claimableDomains(
  deps: ServiceDeps,
  domains: readonly string[],
  organizationId: number | null,
): Promise<string[]> {
  const normalized = [...new Set(domains.map((d) => d.trim().toLowerCase()))];
  const owners = await repo.findDomainOwners(deps.db, normalized);
  const taken = owners.find((owner) => owner.organizationId !== organizationId);
  if (taken) throw domainTaken(taken.domain);
  return normalized;
}

/** Every organization with its domains. */
export async function listOrganizations(deps: ServiceDeps): Promise<OrganizationRecord[]> {
  return repo.listOrganizations(deps.db);
}

/** One organization; not_found when it does not exist. */
export async function getOrganization(deps: ServiceDeps, id: number): Promise<OrganizationRecord> {
  const organization = await repo.findOrganization(deps.db, id);
  if (!organization) throw notFound('Organization', id);
  return organization;
}

/** Creates an organization claiming email domains no other organization claims. */
export async function createOrganization(
  deps: ServiceDeps,
  input: CreateOrganizationInput,
): Promise<OrganizationRecord> {
  const name = input.name.trim();
  return inTransaction(deps, async (tx) => {
    if (await isNameTaken(tx.db, 'organizations', name)) throw nameTaken(name);
    const domains = await claimableDomains(tx, input.domains ?? [], null);
    const id = await mapUniqueViolation(
      () => repo.insertOrganization(tx.db, name, tx.clock.now(), input.shareTickets ?? false),
      () => nameTaken(name),
    );
    await mapUniqueViolation(
      () => repo.replaceOrganizationDomains(tx.db, id, domains),
      () => domainTaken(domains.join(', ')),
    );
    return getOrganization(tx, id);
  });
}

/** Renames an organization, replaces its domains or changes its ticket sharing. */
export async function updateOrganization(
  deps: ServiceDeps,
  id: number,
  patch: Partial<CreateOrganizationInput>,
): Promise<OrganizationRecord> {
  return inTransaction(deps, async (tx) => {
    await getOrganization(tx, id);
    const name = patch.name?.trim();
    if (name !== undefined && (await isNameTaken(tx.db, 'organizations', name, id))) throw nameTaken(name);
    const domains = patch.domains ? await claimableDomains(tx, patch.domains, id) : undefined;
    await mapUniqueViolation(
      () =>
        repo.updateOrganization(
          tx.db,
          id,
          { ...(name !== undefined ? { name } : {}), shareTickets: patch.shareTickets },
          tx.clock.now(),
        ),
      () => nameTaken(name ?? ''),
    );
    if (domains) {
      await mapUniqueViolation(
        () => repo.replaceOrganizationDomains(tx.db, id, domains),
        () => domainTaken(domains.join(', ')),
      );
    }
    return getOrganization(tx, id);
  });
}

/** Deletes an organization; its users and tickets stay, without an organization. */
export async function deleteOrganization(deps: ServiceDeps, id: number): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const organization = await getOrganization(tx, id);
    await mapForeignKeyViolation(
      () => repo.deleteOrganization(tx.db, id),
      () =>
        new AppError('in_use', `The organization "${organization.name}" is still referenced`, {
          usedBy: ['other records'],
        }),
    );
  });
}
