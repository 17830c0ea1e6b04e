import type { Static } from 'typebox';
import type { PriorityRecord } from '../../../db/repositories/priorities.repository.ts';
import type { Priority } from './priorities.schema.ts';

/** A priority as the API shows it. */
export function presentPriority(priority: PriorityRecord): Static<typeof Priority> {
  return {
    id: priority.id,
    key: priority.key,
    name: priority.name,
    urgency: priority.urgency,
    color: priority.color,
    isDefault: priority.isDefault,
  };
}
