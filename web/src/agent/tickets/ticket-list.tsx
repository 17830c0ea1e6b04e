import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { api, call } from '../../api/client.ts';
import { useHotkeys } from '../../lib/use-hotkeys.ts';
import { Button } from '../../ui/button.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { usePriorities } from '../catalog.ts';
import { findQueue, queueQuery, useQueues } from '../queues.ts';
import { ticketsRoute } from '../routes.tsx';
import { BulkBar } from './bulk-bar.tsx';
import { countFilters, FiltersPopover } from './filters.tsx';
import { type ListSearch, SERVER_SORTS, sortPage, toTicketQuery } from './list-search.ts';
import { SaveSearchButton } from './save-search.tsx';
import { TicketTable } from './ticket-table.tsx';

const PAGE_SIZE = 50;

/** The ticket list of a queue: search, filters, sort, cursor pages, selection and bulk actions. */
export function TicketListPage() {
  const search = ticketsRoute.useSearch();
  const navigate = useNavigate();
  const priorities = usePriorities();
  const queues = useQueues();
  const queue = findQueue(queues.data?.items, search.queue);
  const query = toTicketQuery({ ...queueQuery(queue), sort: queue.sort, limit: PAGE_SIZE }, search);

  // Cursors of the pages before this one; a change of queue, search or sort starts again at page 1.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const listKey = JSON.stringify(query);
  const [seenKey, setSeenKey] = useState(listKey);
  if (seenKey !== listKey) {
    setSeenKey(listKey);
    setCursors([]);
  }

  const page = useQuery({
    enabled: !queues.isPending,
    queryKey: ['tickets', 'list', query, cursor ?? null],
    queryFn: () =>
      call(api.GET('/api/v1/tickets', { params: { query: { ...query, ...(cursor ? { cursor } : {}) } } })),
    placeholderData: keepPreviousData,
  });

  const urgency = useMemo(
    () => new Map((priorities.data ?? []).map((priority) => [priority.key, priority.urgency])),
    [priorities.data],
  );
  const sort = search.sort ?? queue.sort;
  const tickets = useMemo(
    () => sortPage(page.data?.items ?? [], search.sort, urgency),
    [page.data, search.sort, urgency],
  );

  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [activeIndex, setActiveIndex] = useState(0);
  const searchInput = useRef<HTMLInputElement>(null);
  const tableRegion = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (activeIndex >= tickets.length && tickets.length > 0) setActiveIndex(tickets.length - 1);
  }, [activeIndex, tickets.length]);

  const setSearch = (patch: Partial<ListSearch>) =>
    void navigate({ to: '/tickets', search: (previous: ListSearch) => ({ ...previous, ...patch }) });

  const toggle = (number: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(number)) next.delete(number);
      else next.add(number);
      return next;
    });

  useHotkeys({
    j: () => setActiveIndex((index) => Math.min(index + 1, tickets.length - 1)),
    k: () => setActiveIndex((index) => Math.max(index - 1, 0)),
    x: () => {
      const ticket = tickets[activeIndex];
      if (ticket) toggle(ticket.number);
    },
    enter: () => {
      const ticket = tickets[activeIndex];
      if (ticket) void navigate({ to: '/tickets/$number', params: { number: ticket.number } });
    },
    '/': () => searchInput.current?.focus(),
  });

  useEffect(() => {
    const row = tableRegion.current?.querySelector<HTMLElement>(`tr[data-active]`);
    row?.scrollIntoView({ block: 'nearest' });
  });

  function submitSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const words = String(new FormData(event.currentTarget).get('q') ?? '').trim();
    setSearch({ q: words || undefined });
  }

  const sortKey = sort.replace(/^-/, '');
  return (
    <div className="flex h-full flex-col">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-2">
        <h1 className="mr-2 text-base font-semibold text-slate-900">
          {search.q ? `Search in ${queue.name}` : queue.name}
        </h1>
        <search className="flex min-w-48 flex-1">
          <form onSubmit={submitSearch} className="flex flex-1 items-center gap-1">
            <label htmlFor="ticket-search" className="sr-only">
              Search tickets
            </label>
            <input
              ref={searchInput}
              id="ticket-search"
              name="q"
              type="search"
              key={search.q ?? ''}
              defaultValue={search.q ?? ''}
              placeholder="Search subject and thread  ( / )"
              className="w-full max-w-md rounded-md border border-slate-300 px-2.5 py-1 text-sm"
              onKeyDown={(event) => {
                if (event.key === 'Escape') event.currentTarget.blur();
              }}
            />
            <Button type="submit" size="sm">
              Search
            </Button>
            {search.q ? (
              <Button size="sm" variant="ghost" onClick={() => setSearch({ q: undefined })}>
                Clear
              </Button>
            ) : null}
          </form>
        </search>
        <FiltersPopover search={search} onChange={setSearch} />
        <SaveSearchButton query={query} />
        <Button size="sm" variant="ghost" onClick={() => void page.refetch()} aria-label="Refresh the list">
          ↻
        </Button>
      </div>
      {selected.size > 0 ? <BulkBar selected={[...selected]} onDone={() => setSelected(new Set())} /> : null}
      {!SERVER_SORTS.has(sortKey) ? (
        <p className="border-b border-slate-200 bg-slate-50 px-4 py-1 text-xs text-slate-600">
          Sorted by {sortKey} within this page; pages follow the last update.
        </p>
      ) : null}
      <div ref={tableRegion} className="min-h-0 flex-1 overflow-auto" aria-busy={page.isFetching}>
        {queues.isPending || page.isPending ? (
          <Loading label="Loading tickets…" />
        ) : page.isError ? (
          <ErrorState error={page.error} onRetry={() => void page.refetch()} />
        ) : tickets.length === 0 ? (
          <Empty>
            {search.q || countFilters(search) > 0
              ? 'No ticket matches this search and these filters.'
              : `Nothing in ${queue.name}.`}
          </Empty>
        ) : (
          <TicketTable
            tickets={tickets}
            sort={sort}
            onSort={(next) => setSearch({ sort: next === queue.sort ? undefined : next })}
            selected={selected}
            onToggle={toggle}
            onToggleAll={() =>
              setSelected((current) =>
                tickets.every((ticket) => current.has(ticket.number))
                  ? new Set()
                  : new Set([...current, ...tickets.map((ticket) => ticket.number)]),
              )
            }
            activeIndex={activeIndex}
            onActivate={setActiveIndex}
          />
        )}
      </div>
      <nav
        aria-label="Pages"
        className="flex items-center justify-between border-t border-slate-200 px-4 py-2 text-sm"
      >
        <span className="text-slate-600">
          Page {cursors.length + 1}
          {page.data ? `, ${page.data.items.length} tickets` : ''}
        </span>
        <div className="flex gap-2">
          <Button
            size="sm"
            disabled={cursors.length === 0}
            onClick={() => {
              setCursors((current) => current.slice(0, -1));
              setActiveIndex(0);
            }}
          >
            Previous
          </Button>
          <Button
            size="sm"
            disabled={!page.data?.nextCursor}
            onClick={() => {
              const next = page.data?.nextCursor;
              if (next) setCursors((current) => [...current, next]);
              setActiveIndex(0);
            }}
          >
            Next
          </Button>
        </div>
      </nav>
    </div>
  );
}
