import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { api, call } from '../../api/client.ts';
import type { ThreadEntry, ThreadItem } from '../../api/types.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useHotkeys } from '../../lib/use-hotkeys.ts';
import { PriorityBadge, StateBadge } from '../../ui/badge.tsx';
import { Button } from '../../ui/button.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { useAgents, useDepartments, useTeams } from '../catalog.ts';
import { ticketRoute } from '../routes.tsx';
import { useMe } from '../session.tsx';
import { Composer } from './composer.tsx';
import { PresenceBanner, usePresence } from './presence.tsx';
import { PropertiesPanel } from './properties.tsx';
import { RequesterTickets } from './requester-tickets.tsx';
import { ResolutionCard } from './resolution-card.tsx';
import { ResolveDialog } from './resolve-dialog.tsx';
import { type Names, Thread } from './thread.tsx';
import { ticketKeys, useThread, useTicket } from './ticket-queries.ts';

const entriesOf = (items: ThreadItem[]): ThreadEntry[] =>
  items.filter((item): item is ThreadEntry => !('event' in item));
const isByOther = (entry: ThreadEntry, meId: number): boolean =>
  !(entry.author.type === 'agent' && entry.author.id === meId);
const lastEntryId = (items: ThreadItem[]): number =>
  Math.max(0, ...entriesOf(items).map((entry) => entry.id));

/** One ticket: its thread, the composer, its properties and the requester's other tickets. */
export function TicketViewPage() {
  const { number } = ticketRoute.useParams();
  const me = useMe();
  const queryClient = useQueryClient();
  const ticket = useTicket(number);
  const thread = useThread(number);
  const agents = useAgents();
  const teams = useTeams();
  const departments = useDepartments();
  const [isResolving, setResolving] = useState(false);
  const [isComposing, setComposing] = useState(false);
  const others = usePresence(number, isComposing);

  // What was in the thread when the agent opened the ticket (or last acknowledged it): anything newer
  // from someone else is announced, highlighted, and checked again right before sending.
  const [seenUpTo, setSeenUpTo] = useState<{ number: string; id: number } | null>(null);
  if (thread.data && (seenUpTo === null || seenUpTo.number !== number)) {
    setSeenUpTo({ number, id: lastEntryId(thread.data) });
  }
  const baseline = seenUpTo !== null && seenUpTo.number === number ? seenUpTo.id : null;
  const newByOthers = entriesOf(thread.data ?? []).filter(
    (entry) => baseline !== null && entry.id > baseline && isByOther(entry, me.id),
  );

  const names: Names = useMemo(() => {
    const lookup = <T extends { id: number }>(list: T[] | undefined, label: (item: T) => string) => {
      const map = new Map((list ?? []).map((item) => [item.id, label(item)]));
      return (id: number) => map.get(id);
    };
    return {
      agent: lookup(agents.data, (agent) => agent.name),
      team: lookup(teams.data, (team) => team.name),
      department: lookup(departments.data, (department) => department.path),
    };
  }, [agents.data, teams.data, departments.data]);

  useHotkeys({ u: () => window.history.back() });

  async function checkBeforeSend(): Promise<string | null> {
    const fresh = await queryClient.fetchQuery({
      queryKey: ticketKeys.thread(number),
      queryFn: async () =>
        (await call(api.GET('/api/v1/tickets/{number}/thread', { params: { path: { number } } }))).items,
      staleTime: 0,
    });
    const since = entriesOf(fresh).filter(
      (entry) => baseline !== null && entry.id > baseline && isByOther(entry, me.id),
    );
    if (since.length === 0) return null;
    const who = [...new Set(since.map((entry) => entry.author.name ?? 'Someone'))].join(', ');
    return `${who} wrote on this ticket since you opened it.`;
  }

  if (ticket.isPending) return <Loading label={`Loading ticket ${number}…`} />;
  if (ticket.isError)
    return (
      <ErrorState
        error={ticket.error}
        onRetry={() => void ticket.refetch()}
        title={`Ticket ${number} could not be loaded`}
      />
    );
  const current = ticket.data;
  const canResolve = current.state === 'open' || current.state === 'pending';
  const resolvedBy = current.resolution?.resolvedById
    ? (names.agent(current.resolution.resolvedById) ?? null)
    : null;

  return (
    <div className="grid min-h-full lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="min-w-0 space-y-4 p-4">
        <div>
          <Link to="/tickets" className="text-xs text-blue-800 hover:underline">
            ← Tickets
          </Link>
          <div className="mt-1 flex flex-wrap items-start gap-2">
            <h1 className="min-w-0 flex-1 text-lg font-semibold text-slate-900">
              <span className="mr-2 font-mono text-sm text-slate-600">#{current.number}</span>
              {current.subject}
            </h1>
            {canResolve ? (
              <Button variant="primary" onClick={() => setResolving(true)}>
                Resolve
              </Button>
            ) : null}
          </div>
          <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-700">
            <StateBadge state={current.state} label={current.status.name} />
            <PriorityBadge priorityKey={current.priority.key} name={current.priority.name} />
            <span>
              from <strong className="text-slate-900">{current.requester.name}</strong> via {current.source}
            </span>
            <span>· opened {formatDateTime(current.createdAt)}</span>
            {current.dueAt ? (
              <span className={current.isOverdue ? 'font-semibold text-red-800' : ''}>
                · due {formatDateTime(current.dueAt)}
              </span>
            ) : null}
          </div>
        </div>

        <PresenceBanner others={others} />
        {newByOthers.length > 0 ? (
          <div
            role="status"
            className="flex flex-wrap items-center gap-2 rounded-md border border-blue-300 bg-blue-50 px-3 py-2 text-sm text-blue-950"
          >
            <span>
              {[...new Set(newByOthers.map((entry) => entry.author.name ?? 'Someone'))].join(', ')} wrote on
              this ticket since you opened it ({newByOthers.length} new).
            </span>
            <Button
              size="sm"
              onClick={() => thread.data && setSeenUpTo({ number, id: lastEntryId(thread.data) })}
            >
              Mark as read
            </Button>
          </div>
        ) : null}

        {current.resolution && current.state !== 'open' && current.state !== 'pending' ? (
          <ResolutionCard resolution={current.resolution} resolvedBy={resolvedBy} />
        ) : null}

        {thread.isPending ? (
          <Loading label="Loading the thread…" />
        ) : thread.isError ? (
          <ErrorState error={thread.error} onRetry={() => void thread.refetch()} />
        ) : (
          <Thread
            items={thread.data}
            highlightAfterId={newByOthers.length > 0 ? baseline : null}
            names={names}
          />
        )}

        {current.state !== 'archived' ? (
          <Composer
            ticket={current}
            onDraftChange={setComposing}
            checkBeforeSend={checkBeforeSend}
            onSent={() => {
              void queryClient.invalidateQueries({ queryKey: ticketKeys.thread(number) });
              void queryClient.invalidateQueries({ queryKey: ticketKeys.ticket(number) });
              void queryClient.invalidateQueries({ queryKey: ['tickets', 'list'] });
              // The agent's own entry is not news; newer ones from others still are.
              queryClient
                .fetchQuery({
                  queryKey: ticketKeys.thread(number),
                  queryFn: async () =>
                    (await call(api.GET('/api/v1/tickets/{number}/thread', { params: { path: { number } } })))
                      .items,
                  staleTime: 0,
                })
                .then((items) => setSeenUpTo({ number, id: lastEntryId(items) }))
                .catch(() => undefined);
            }}
          />
        ) : null}
      </div>
      <aside className="space-y-6 border-l border-slate-200 bg-slate-50 p-4" aria-label="Ticket details">
        <PropertiesPanel ticket={current} onResolve={() => setResolving(true)} />
        <RequesterTickets ticket={current} />
      </aside>
      <ResolveDialog ticket={current} open={isResolving} onOpenChange={setResolving} />
    </div>
  );
}
