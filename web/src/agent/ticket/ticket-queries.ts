import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../api/client.ts';
import type { Ticket } from '../../api/types.ts';

/** Query keys of one ticket; they sit under "tickets" so a live change refreshes them with the lists. */
export const ticketKeys = {
  ticket: (number: string) => ['tickets', 'one', number] as const,
  thread: (number: string) => ['tickets', 'thread', number] as const,
  collaborators: (number: string) => ['tickets', 'collaborators', number] as const,
};

/** The ticket, with its resolution. */
export function useTicket(number: string) {
  return useQuery({
    queryKey: ticketKeys.ticket(number),
    queryFn: () => call(api.GET('/api/v1/tickets/{number}', { params: { path: { number } } })),
  });
}

/** The ticket's thread with its events. */
export function useThread(number: string) {
  return useQuery({
    queryKey: ticketKeys.thread(number),
    queryFn: async () =>
      (await call(api.GET('/api/v1/tickets/{number}/thread', { params: { path: { number } } }))).items,
  });
}

/** A change to the ticket that answers with the ticket: the cache takes the answer, lists refresh. */
export function useTicketChange<V>(number: string, change: (variables: V) => Promise<Ticket>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (ticket) => {
      queryClient.setQueryData(ticketKeys.ticket(number), ticket);
      void queryClient.invalidateQueries({ queryKey: ticketKeys.thread(number) });
      void queryClient.invalidateQueries({ queryKey: ['tickets', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['queue-counts'] });
    },
  });
}
