import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, call } from '../../api/client.ts';
import type { Ticket } from '../../api/types.ts';
import { formatRelative } from '../../lib/format.ts';
import { StateBadge } from '../../ui/badge.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';

/** The requester's other tickets, most recently updated first. */
export function RequesterTickets({ ticket }: { ticket: Ticket }) {
  const others = useQuery({
    queryKey: ['tickets', 'by-requester', ticket.requester.id],
    queryFn: () =>
      call(
        api.GET('/api/v1/tickets', { params: { query: { requesterId: ticket.requester.id, limit: 11 } } }),
      ),
  });
  const items = (others.data?.items ?? []).filter((item) => item.number !== ticket.number).slice(0, 10);
  return (
    <section aria-labelledby="requester-title" className="space-y-2">
      <h2 id="requester-title" className="text-sm font-semibold text-slate-900">
        {ticket.requester.name}
      </h2>
      <p className="text-xs text-slate-700">
        {ticket.requester.email ?? 'No email address'}
        {ticket.organization ? ` · ${ticket.organization.name}` : ''}
      </p>
      <h3 className="pt-1 text-xs font-medium text-slate-700">Other tickets</h3>
      {others.isPending ? (
        <Loading className="p-0" />
      ) : others.isError ? (
        <ErrorState error={others.error} onRetry={() => void others.refetch()} />
      ) : items.length === 0 ? (
        <p className="text-xs text-slate-600">None.</p>
      ) : (
        <ul className="space-y-1">
          {items.map((item) => (
            <li key={item.id} className="text-sm">
              <Link
                to="/tickets/$number"
                params={{ number: item.number }}
                className="text-blue-800 hover:underline"
              >
                #{item.number} {item.subject}
              </Link>
              <div className="flex items-center gap-2 text-xs text-slate-600">
                <StateBadge state={item.state} label={item.status.name} />
                {formatRelative(item.updatedAt)}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
