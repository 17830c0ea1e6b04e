import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client.ts';

/** What the page knows to fill a canned response's placeholders with. */
export interface CannedContext {
  ticketNumber: string;
  ticketSubject: string;
  requesterName: string;
  agentName: string;
}

/** A canned response the composer can insert. */
export interface CannedResponse {
  id: number;
  title: string;
  body: string;
}

/** The active canned responses of a department and the global ones, fetched only once `isEnabled`. */
export function useCannedResponses(departmentId: number, isEnabled: boolean) {
  return useQuery({
    queryKey: ['canned-responses', departmentId],
    queryFn: async (): Promise<CannedResponse[]> =>
      (await call(api.GET('/api/v1/canned-responses', { params: { query: { departmentId } } }))).items.map(
        (item) => ({ id: item.id, title: item.title, body: item.bodyText }),
      ),
    enabled: isEnabled,
    staleTime: 5 * 60_000,
  });
}

/** Replaces the known placeholders of a body; unknown ones stay as written so the agent notices them. */
export function fillPlaceholders(body: string, context: CannedContext): string {
  const values: Record<string, string> = {
    'ticket.number': context.ticketNumber,
    'ticket.subject': context.ticketSubject,
    'requester.name': context.requesterName,
    'agent.name': context.agentName,
  };
  return body.replace(/\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/g, (match, key: string) => values[key] ?? match);
}
