import { mapUniqueViolation } from '../../db/errors.ts';
import { findMissingReference } from '../../db/repositories/references.repository.ts';
import type { UserEmail, UserRecord } from '../../db/repositories/users.repository.ts';
import * as repo from '../../db/repositories/users.repository.ts';
import { AppError, unknownReference } from '../../domain/errors.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import { domainOf } from './resolve-requester.ts';
import { getUser } from './users.ts';

export interface EmailInput {
  address: string;
  isPrimary?: boolean;
}

export interface CreateUserInput {
  name?: string;
  emails: readonly EmailInput[];
  /** Omitted: the organization claiming the user's email domain, if any. Null: none. */
  organizationId?: number | null;
}

export interface UpdateUserInput {
  name?: string;
  emails?: readonly EmailInput[];
  organizationId?: number | null;
}

function invalidEmails(message: string, value?: string): AppError {
  return new AppError('validation_failed', message, {
    in: 'body',
    field: 'emails',
    ...(value ? { value } : {}),
  });
}

function addressTaken(address: string): AppError {
  return new AppError('already_exists', `The address ${address} already belongs to another user`, {
    field: 'emails',
    value: address,
  });
}

/** Lower-cases the addresses and settles the primary one: at most one may be marked; none means the first. */
function normalizeEmails(emails: readonly EmailInput[]): UserEmail[] {
  const seen = new Set<string>();
  for (const email of emails) {
    const address = email.address.trim().toLowerCase();
    if (seen.has(address)) throw invalidEmails(`The address ${address} is listed twice`, address);
    seen.add(address);
  }
  const primaries = emails.filter((email) => email.isPrimary === true).length;
  if (primaries > 1) throw invalidEmails('Exactly one address can be the primary one');
  return emails.map((email, index) => ({
    address: email.address.trim().toLowerCase(),
    isPrimary: primaries === 0 ? index === 0 : email.isPrimary === true,
  }));
}

async function checkAddressesFree(deps: ServiceDeps, emails: readonly UserEmail[], userId: number | null) {
  const owners = await repo.findEmailOwners(
    deps.db,
    emails.map((email) => email.address),
  );
  const taken = owners.find((owner) => owner.userId !== userId);
  if (taken) throw addressTaken(taken.address);
}

async function checkOrganization(deps: ServiceDeps, organizationId: number | null | undefined) {
  const missing = await findMissingReference(deps.db, [
    { field: 'organizationId', table: 'organizations', id: organizationId },
  ]);
  if (missing) throw unknownReference(missing.field, missing.id);
}

/** The organization claiming the domain of the primary address, else of the first other that one claims. */
async function organizationOfDomains(
  deps: ServiceDeps,
  emails: readonly UserEmail[],
): Promise<number | null> {
  const ordered = [...emails].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary));
  for (const email of ordered) {
    const organizationId = await repo.findOrganizationIdByDomain(deps.db, domainOf(email.address));
    if (organizationId !== null) return organizationId;
  }
  return null;
}

/** Creates a user with one or more addresses no other user has. */
export async function createUser(deps: ServiceDeps, input: CreateUserInput): Promise<UserRecord> {
  const emails = normalizeEmails(input.emails);
  const primary = emails.find((email) => email.isPrimary) ?? emails[0];
  if (!primary) throw invalidEmails('A user needs at least one email address');
  const name = input.name?.trim() || primary.address.slice(0, primary.address.indexOf('@'));
  return inTransaction(deps, async (tx) => {
    await checkOrganization(tx, input.organizationId);
    await checkAddressesFree(tx, emails, null);
    const organizationId =
      input.organizationId === undefined ? await organizationOfDomains(tx, emails) : input.organizationId;
    const id = await mapUniqueViolation(
      () => repo.insertUserWithEmails(tx.db, { name, organizationId, emails, now: tx.clock.now() }),
      () => addressTaken(primary.address),
    );
    return getUser(tx, id);
  });
}

/** Changes a user's name or organization; `emails` replaces the whole set of addresses. */
export async function updateUser(deps: ServiceDeps, id: number, patch: UpdateUserInput): Promise<UserRecord> {
  const emails = patch.emails ? normalizeEmails(patch.emails) : undefined;
  if (emails && emails.length === 0) throw invalidEmails('A user needs at least one email address');
  return inTransaction(deps, async (tx) => {
    await getUser(tx, id);
    await checkOrganization(tx, patch.organizationId);
    if (emails) await checkAddressesFree(tx, emails, id);
    const name = patch.name?.trim();
    await repo.updateUser(
      tx.db,
      id,
      {
        ...(name ? { name } : {}),
        ...(patch.organizationId !== undefined ? { organizationId: patch.organizationId } : {}),
      },
      tx.clock.now(),
    );
    if (emails) {
      await mapUniqueViolation(
        () => repo.replaceUserEmails(tx.db, id, emails),
        () => addressTaken(emails.map((email) => email.address).join(', ')),
      );
    }
    return getUser(tx, id);
  });
}
