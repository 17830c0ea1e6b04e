import type { Static } from 'typebox';
import { iso } from '../../../lib/json.ts';
import type { Queue as QueueRecord } from '../../../services/queues/queues.ts';
import type { Queue } from './queues.schema.ts';

/** A saved queue as the API shows it. */
export function presentQueue(queue: QueueRecord): Static<typeof Queue> {
  return {
    id: queue.id,
    name: queue.name,
    isShared: queue.isShared,
    ownerId: queue.agentId,
    filters: queue.filters,
    sort: queue.sort,
    position: queue.position,
    createdAt: iso(queue.createdAt) as string,
    updatedAt: iso(queue.updatedAt) as string,
  };
}
