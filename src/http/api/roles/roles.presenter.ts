import type { Static } from 'typebox';
import type { RoleRecord } from '../../../db/repositories/roles.repository.ts';
import { iso } from '../../../lib/json.ts';
import type { Role } from './roles.schema.ts';

/** A role as the API shows it. */
export function presentRole(role: RoleRecord): Static<typeof Role> {
  return {
    id: role.id,
    name: role.name,
    permissions: role.permissions,
    createdAt: iso(role.createdAt) as string,
    updatedAt: iso(role.updatedAt) as string,
  };
}
