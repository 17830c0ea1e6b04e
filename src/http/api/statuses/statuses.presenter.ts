import type { Static } from 'typebox';
import type { StatusRecord } from '../../../db/repositories/statuses.repository.ts';
import { isTicketState } from '../../../domain/ticket/lifecycle.ts';
import { iso } from '../../../lib/json.ts';
import type { Status } from './statuses.schema.ts';

/** A ticket status as the API shows it. */
export function presentStatus(status: StatusRecord): Static<typeof Status> {
  return {
    id: status.id,
    name: status.name,
    // Only a hand-edited database holds another state; reading it as open keeps every list answering.
    state: isTicketState(status.state) ? status.state : 'open',
    sortOrder: status.sortOrder,
    isDefault: status.isDefault,
    createdAt: iso(status.createdAt) as string,
    updatedAt: iso(status.updatedAt) as string,
  };
}
