import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api, call } from '../../api/client.ts';
import { formatRelative } from '../../lib/format.ts';
import { StateBadge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { RequireUser } from '../require-user.tsx';

/** The requester's tickets (and those shared with them), most recently updated first. */
export function MyTicketsPage() {
  return <RequireUser>{() => <TicketList />}</RequireUser>;
}

function TicketList() {
  const [q, setQ] = useState('');
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const list = useQuery({
    queryKey: ['portal', 'tickets', q, cursor ?? null],
    queryFn: () =>
      call(
        api.GET('/api/v1/portal/tickets', {
          params: { query: { limit: 20, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setQ(String(new FormData(event.currentTarget).get('q') ?? '').trim());
    setCursors([]);
  }
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold text-slate-900">My tickets</h1>
        <search>
          <form onSubmit={search} className="flex gap-2">
            <label htmlFor="portal-search" className="sr-only">
              Search my tickets
            </label>
            <input
              id="portal-search"
              name="q"
              type="search"
              placeholder="Subject or number"
              className="rounded-md border border-slate-300 px-2.5 py-1.5 text-sm"
            />
            <Button type="submit" size="sm">
              Search
            </Button>
          </form>
        </search>
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty>
          {q ? 'No ticket matches.' : 'You have no tickets yet.'}{' '}
          <Link to="/open" className="text-blue-800 underline">
            Open one
          </Link>
        </Empty>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {list.data.items.map((ticket) => (
            <li key={ticket.number} className="p-3 sm:p-4">
              <Link
                to="/tickets/$number"
                params={{ number: ticket.number }}
                className="font-medium text-blue-900 hover:underline"
              >
                {ticket.subject}
              </Link>
              <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-700">
                <span className="font-mono">#{ticket.number}</span>
                <StateBadge state={ticket.state} label={ticket.status.name} />
                <span>updated {formatRelative(ticket.updatedAt)}</span>
                {!ticket.requester.isMe ? <span>from {ticket.requester.name}</span> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="flex justify-between">
        <Button size="sm" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Newer
        </Button>
        <Button
          size="sm"
          disabled={!list.data?.nextCursor}
          onClick={() => {
            const next = list.data?.nextCursor;
            if (next) setCursors((c) => [...c, next]);
          }}
        >
          Older
        </Button>
      </div>
    </div>
  );
}
