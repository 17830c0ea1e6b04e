import type { Static } from 'typebox';
import type { OrganizationRecord } from '../../../db/repositories/organizations.repository.ts';
import { iso } from '../../../lib/json.ts';
import type { Organization } from './organizations.schema.ts';

/** An organization as the API shows it. */
export function presentOrganization(organization: OrganizationRecord): Static<typeof Organization> {
  return {
    id: organization.id,
    name: organization.name,
    domains: organization.domains,
    shareTickets: organization.shareTickets,
    createdAt: iso(organization.createdAt) as string,
    updatedAt: iso(organization.updatedAt) as string,
  };
}
