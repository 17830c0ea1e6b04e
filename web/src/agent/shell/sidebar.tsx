import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useRouterState } from '@tanstack/react-router';
import { api, call } from '../../api/client.ts';
import { messageOf } from '../../api/errors.ts';
import { cx } from '../../ui/cx.ts';
import { Menu } from '../../ui/menu.tsx';
import { type Queue, useQueues } from '../queues.ts';
import { useMe } from '../session.tsx';

const GROUP_TITLES: Record<Queue['kind'], string> = {
  builtin: 'Queues',
  department: 'Departments',
  saved: 'Saved searches',
};

/** The queues with their live counts, and the admin link for administrators. */
export function Sidebar({ isOpen, onNavigate }: { isOpen: boolean; onNavigate: () => void }) {
  const me = useMe();
  const queues = useQueues();
  const location = useRouterState({ select: (state) => state.location });
  const currentQueue =
    location.pathname === '/tickets' ? String((location.search as { queue?: string }).queue ?? 'open') : null;
  const items = queues.data?.items ?? [];
  const groups = (['builtin', 'department', 'saved'] as const)
    .map((kind) => ({ kind, items: items.filter((queue) => queue.kind === kind) }))
    .filter((group) => group.items.length > 0);

  return (
    <nav
      aria-label="Queues"
      className={cx(
        'w-52 shrink-0 overflow-y-auto border-r border-slate-200 bg-slate-50 p-2',
        isOpen ? 'fixed inset-y-12 left-0 z-30 block shadow-lg' : 'hidden lg:block',
      )}
    >
      {queues.isError ? (
        <p role="alert" className="p-2 text-xs text-red-800">
          Queues could not be loaded: {messageOf(queues.error)}
        </p>
      ) : null}
      {groups.map((group) => (
        <section key={group.kind} className="mb-4" aria-labelledby={`queues-${group.kind}`}>
          <h2
            id={`queues-${group.kind}`}
            className="px-2 pb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase"
          >
            {GROUP_TITLES[group.kind]}
          </h2>
          <ul>
            {group.items.map((queue) => (
              <li key={queue.key} className="group/queue relative">
                <QueueLink queue={queue} isCurrent={currentQueue === queue.key} onNavigate={onNavigate} />
                {queue.kind === 'saved' && queue.id !== null ? (
                  <SavedQueueMenu queue={queue} isCurrent={currentQueue === queue.key} />
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section aria-labelledby="queues-more" className="border-t border-slate-200 pt-2">
        <h2 id="queues-more" className="sr-only">
          More
        </h2>
        <Link
          to="/tickets/new"
          onClick={onNavigate}
          className="block rounded px-2 py-1 text-sm text-slate-800 hover:bg-slate-200"
        >
          New ticket
        </Link>
        {me.isAdmin ? (
          <Link
            to="/admin"
            onClick={onNavigate}
            className="block rounded px-2 py-1 text-sm text-slate-800 hover:bg-slate-200"
            activeProps={{ className: 'bg-slate-200 font-medium' }}
          >
            Admin
          </Link>
        ) : null}
      </section>
    </nav>
  );
}

function QueueLink({
  queue,
  isCurrent,
  onNavigate,
}: {
  queue: Queue;
  isCurrent: boolean;
  onNavigate: () => void;
}) {
  return (
    <Link
      to="/tickets"
      search={{ queue: queue.key }}
      onClick={onNavigate}
      aria-current={isCurrent ? 'page' : undefined}
      className={cx(
        'flex items-center justify-between gap-2 rounded px-2 py-1 text-sm',
        queue.kind === 'saved' && 'pr-7',
        isCurrent ? 'bg-blue-700 text-white' : 'text-slate-800 hover:bg-slate-200',
      )}
    >
      <span className="truncate">{queue.name}</span>
      <span
        className={cx('text-xs tabular-nums', isCurrent ? 'text-blue-100' : 'text-slate-600')}
        data-testid={`count-${queue.key}`}
      >
        {queue.count}
        {queue.isCapped ? '+' : ''}
        <span className="sr-only"> tickets</span>
      </span>
    </Link>
  );
}

function SavedQueueMenu({ queue, isCurrent }: { queue: Queue; isCurrent: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const remove = useMutation({
    mutationFn: () => call(api.DELETE('/api/v1/queues/{id}', { params: { path: { id: queue.id ?? 0 } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['queue-counts'] });
      void navigate({ to: '/tickets', search: {} });
    },
    onError: (error) => window.alert(`The search could not be deleted: ${messageOf(error)}`),
  });
  return (
    <div className="absolute top-0.5 right-0.5">
      <Menu
        trigger={
          <button
            type="button"
            aria-label={`Options for ${queue.name}`}
            className={cx(
              'rounded px-1 hover:bg-slate-300 hover:text-slate-900',
              isCurrent ? 'text-white' : 'text-slate-600',
            )}
          >
            ⋯
          </button>
        }
        items={[{ label: 'Delete this search', isDanger: true, onSelect: () => remove.mutate() }]}
      />
    </div>
  );
}
