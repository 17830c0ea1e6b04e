import type { Static } from 'typebox';
import type { UserRecord } from '../../../db/repositories/users.repository.ts';
import { iso } from '../../../lib/json.ts';
import type { User } from './users.schema.ts';

/** A user (requester) as the API shows them. */
export function presentUser(user: UserRecord): Static<typeof User> {
  return {
    id: user.id,
    name: user.name,
    organizationId: user.organizationId,
    emails: user.emails.map((email) => ({ address: email.address, isPrimary: email.isPrimary })),
    createdAt: iso(user.createdAt) as string,
    updatedAt: iso(user.updatedAt) as string,
  };
}
