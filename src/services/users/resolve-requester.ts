import {
  findOrganizationIdByDomain,
  findUser,
  findUserIdByEmail,
  insertUser,
} from '../../db/repositories/users.repository.ts';
import type { ServiceDeps } from '../deps.ts';

export interface Requester {
  id: number;
  name: string;
  email: string;
  organizationId: number | null;
  isNew: boolean;
}

/** The part of an address after the last @, lower-cased. */
export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/**
 * The user who wrote in from `email`, created on first contact. A new user joins the organization
 * that claims their email domain. Runs inside the caller's transaction.
 */
export async function resolveRequester(
  deps: ServiceDeps,
  input: { email: string; name?: string | null },
): Promise<Requester> {
  const email = input.email.trim().toLowerCase();
  const existingId = await findUserIdByEmail(deps.db, email);
  if (existingId !== null) {
    const user = await findUser(deps.db, existingId);
    if (user)
      return { id: user.id, name: user.name, email, organizationId: user.organizationId, isNew: false };
  }
  const organizationId = await findOrganizationIdByDomain(deps.db, domainOf(email));
  const name = input.name?.trim() || email.slice(0, email.indexOf('@'));
  const id = await insertUser(deps.db, { name, email, organizationId, now: deps.clock.now() });
  return { id, name, email, organizationId, isNew: true };
}
