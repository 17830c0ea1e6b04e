import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client.ts';
import type { QueueCount, TicketQuery } from '../api/types.ts';

export type Queue = QueueCount;

/** The sidebar's queues (built-in, per department, saved) with their counts, from one call. */
export function useQueues() {
  return useQuery({
    queryKey: ['queue-counts'],
    queryFn: () => call(api.GET('/api/v1/queues/counts')),
    staleTime: 30_000,
  });
}

/** The queue with this key, or Open when the key is unknown (or the queues are still loading). */
export function findQueue(queues: Queue[] | undefined, key: string | undefined): Queue {
  const found =
    queues?.find((queue) => queue.key === (key ?? 'open')) ?? queues?.find((queue) => queue.key === 'open');
  return (
    found ?? {
      key: 'open',
      kind: 'builtin',
      name: 'Open',
      id: null,
      filters: { state: 'open' },
      sort: '-updated',
      count: 0,
      isCapped: false,
    }
  );
}

/** A queue's filters as a ticket query. */
export function queueQuery(queue: Queue): TicketQuery {
  return { ...queue.filters };
}
