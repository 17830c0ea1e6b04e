import { listDepartments } from '../../db/repositories/departments.repository.ts';
import { countTicketViews } from '../../db/repositories/ticket-views.repository.ts';
import type { AgentActor } from '../../domain/permissions/permissions.ts';
import type { ServiceDeps } from '../deps.ts';
import { listQueues, type QueueFilters } from './queues.ts';
import { toTicketFilter, toTicketListFilters } from './ticket-filters.ts';

/**
 * Counts stop at this many tickets: past it a sidebar shows "1000+", and no queue, however large, costs
 * more than this many index entries to count.
 */
export const COUNT_CAP = 1000;

// Work still to do: ownership queues show it whether it waits on the customer or not.
const UNSOLVED = 'open,pending';

/** The queues every agent has, in sidebar order, each defined by the same filters GET /tickets takes. */
export const BUILT_IN_QUEUES: readonly { key: string; name: string; filters: QueueFilters }[] = [
  { key: 'open', name: 'Open', filters: { state: 'open' } },
  { key: 'mine', name: 'My tickets', filters: { state: UNSOLVED, assigneeId: 'me' } },
  { key: 'teams', name: 'My teams', filters: { state: UNSOLVED, teamId: 'mine' } },
  { key: 'unassigned', name: 'Unassigned', filters: { state: UNSOLVED, assigneeId: 'none' } },
  { key: 'overdue', name: 'Overdue', filters: { state: UNSOLVED, overdue: true } },
  { key: 'waiting', name: 'Waiting on customer', filters: { state: 'pending' } },
  { key: 'resolved', name: 'Resolved', filters: { state: 'resolved' } },
  { key: 'closed', name: 'Closed', filters: { state: 'closed' } },
];

export interface QueueCount {
  /** open, mine, ..., department:<id> or queue:<id>. */
  key: string;
  kind: 'builtin' | 'department' | 'saved';
  name: string;
  /** The saved queue's or the department's id; null for the other built-in queues. */
  id: number | null;
  filters: QueueFilters;
  sort: string;
  count: number;
  /** The count reached COUNT_CAP: there are at least that many. */
  isCapped: boolean;
}

async function countFor(deps: ServiceDeps, actor: AgentActor, filters: QueueFilters): Promise<number> {
  const filter = toTicketFilter(actor, toTicketListFilters(actor, filters));
  return filter ? countTicketViews(deps.db, deps.dialect, filter, COUNT_CAP) : 0;
}

/**
 * The counts of the built-in queues, of one queue per department the agent works in (every active one
 * for administrators) and of the agent's saved queues, with the agent's visibility applied. Counted one
 * after another: each is a short indexed count, and running them at once would only take more pooled
 * connections from other requests.
 */
export async function countQueues(deps: ServiceDeps, actor: AgentActor): Promise<QueueCount[]> {
  const departments = (await listDepartments(deps.db)).filter(
    (department) => department.isActive && (actor.isAdmin || actor.departmentPermissions.has(department.id)),
  );
  const queues: Omit<QueueCount, 'count' | 'isCapped'>[] = [
    ...BUILT_IN_QUEUES.map((queue) => ({ ...queue, kind: 'builtin' as const, id: null, sort: '-updated' })),
    ...departments.map((department) => ({
      key: `department:${department.id}`,
      kind: 'department' as const,
      name: department.name,
      id: department.id,
      filters: { state: UNSOLVED, departmentId: department.id },
      sort: '-updated',
    })),
    ...(await listQueues(deps, actor)).map((queue) => ({
      key: `queue:${queue.id}`,
      kind: 'saved' as const,
      name: queue.name,
      id: queue.id,
      filters: queue.filters,
      sort: queue.sort,
    })),
  ];
  const counted: QueueCount[] = [];
  for (const queue of queues) {
    const count = await countFor(deps, actor, queue.filters);
    counted.push({ ...queue, count, isCapped: count >= COUNT_CAP });
  }
  return counted;
}
