import { mapUniqueViolation } from '../../db/errors.ts';
import * as repo from '../../db/repositories/queues.repository.ts';
import { findMissingReference } from '../../db/repositories/references.repository.ts';
import { findPriorityRef } from '../../db/repositories/ticket-references.repository.ts';
import { AppError, notFound, unknownReference } from '../../domain/errors.ts';
import type { AgentActor } from '../../domain/permissions/permissions.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import { TICKET_SORTS } from '../tickets/read-tickets.ts';
import { type TicketFilters, toTicketListFilters } from './ticket-filters.ts';

/** The GET /tickets query keys a saved queue may filter by. */
export type QueueFilters = Pick<
  TicketFilters,
  | 'q'
  | 'state'
  | 'status'
  | 'departmentId'
  | 'assigneeId'
  | 'teamId'
  | 'priority'
  | 'topicId'
  | 'overdue'
  | 'tags'
>;

/** A saved queue as the service hands it out. */
export interface Queue extends Omit<repo.QueueRecord, 'filters'> {
  filters: QueueFilters;
  isShared: boolean;
}

export interface CreateQueueInput {
  name: string;
  filters: QueueFilters;
  sort?: string | undefined;
  position?: number | undefined;
  /** Shared with every agent; administrators only. */
  isShared?: boolean | undefined;
}

export type UpdateQueueInput = Partial<Omit<CreateQueueInput, 'isShared'>>;

const DEFAULT_SORT = '-updated';

function toQueue(record: repo.QueueRecord): Queue {
  return { ...record, filters: record.filters as QueueFilters, isShared: record.agentId === null };
}

function nameTaken(name: string): AppError {
  return new AppError('already_exists', `A queue named "${name}" already exists`, {
    field: 'name',
    value: name,
  });
}

async function checkDefinition(
  deps: ServiceDeps,
  actor: AgentActor,
  input: { filters?: QueueFilters | undefined; sort?: string | undefined },
): Promise<void> {
  if (input.sort !== undefined && !TICKET_SORTS.includes(input.sort)) {
    throw new AppError('validation_failed', `sort must be one of ${TICKET_SORTS.join(', ')}`, {
      field: 'sort',
    });
  }
  const filters = input.filters;
  if (!filters) return;
  toTicketListFilters(actor, filters, (name) => `filters.${name}`);
  const idOf = (value: unknown) => (typeof value === 'number' ? value : undefined);
  const missing = await findMissingReference(deps.db, [
    { field: 'filters.status', table: 'ticket_statuses', id: filters.status },
    { field: 'filters.departmentId', table: 'departments', id: filters.departmentId },
    { field: 'filters.assigneeId', table: 'agents', id: idOf(filters.assigneeId) },
    { field: 'filters.teamId', table: 'teams', id: idOf(filters.teamId) },
    { field: 'filters.topicId', table: 'help_topics', id: filters.topicId },
  ]);
  if (missing) throw unknownReference(missing.field, missing.id);
  if (filters.priority !== undefined && !(await findPriorityRef(deps.db, { key: filters.priority }))) {
    throw unknownReference('filters.priority', filters.priority);
  }
}

/** The queue if the agent may see it (their own or a shared one); not_found otherwise. */
async function findVisibleQueue(deps: ServiceDeps, actor: AgentActor, id: number): Promise<repo.QueueRecord> {
  const queue = await repo.findQueue(deps.db, id);
  if (!queue || (queue.agentId !== null && queue.agentId !== actor.agentId)) throw notFound('Queue', id);
  return queue;
}

function requireOwnership(actor: AgentActor, queue: repo.QueueRecord): void {
  if (queue.agentId === null && !actor.isAdmin) {
    throw new AppError('forbidden', 'Only administrators can change shared queues');
  }
}

/** The agent's own queues and the shared ones, in their order. */
export async function listQueues(deps: ServiceDeps, actor: AgentActor): Promise<Queue[]> {
  return (await repo.listQueuesOf(deps.db, actor.agentId)).map(toQueue);
}

/** One queue the agent may see. */
export async function getQueue(deps: ServiceDeps, actor: AgentActor, id: number): Promise<Queue> {
  return toQueue(await findVisibleQueue(deps, actor, id));
}

/** Saves a queue for the agent, or a shared one (administrators only). */
export async function createQueue(
  deps: ServiceDeps,
  actor: AgentActor,
  input: CreateQueueInput,
): Promise<Queue> {
  if (input.isShared && !actor.isAdmin) {
    throw new AppError('forbidden', 'Only administrators can create shared queues', { field: 'isShared' });
  }
  const agentId = input.isShared ? null : actor.agentId;
  const name = input.name.trim();
  return inTransaction(deps, async (tx) => {
    await checkDefinition(tx, actor, input);
    if (await repo.isQueueNameTaken(tx.db, agentId, name, null)) throw nameTaken(name);
    const fields = {
      name,
      agentId,
      filters: input.filters,
      sort: input.sort ?? DEFAULT_SORT,
      position: input.position ?? (await repo.nextQueuePosition(tx.db, agentId)),
    };
    const id = await mapUniqueViolation(
      () => repo.insertQueue(tx.db, fields, tx.clock.now()),
      () => nameTaken(name),
    );
    return getQueue(tx, actor, id);
  });
}

/** Changes a queue the agent owns (shared ones: administrators). */
export async function updateQueue(
  deps: ServiceDeps,
  actor: AgentActor,
  id: number,
  input: UpdateQueueInput,
): Promise<Queue> {
  return inTransaction(deps, async (tx) => {
    const queue = await findVisibleQueue(tx, actor, id);
    requireOwnership(actor, queue);
    await checkDefinition(tx, actor, input);
    const name = input.name?.trim();
    if (name !== undefined && (await repo.isQueueNameTaken(tx.db, queue.agentId, name, id)))
      throw nameTaken(name);
    await mapUniqueViolation(
      () =>
        repo.updateQueue(
          tx.db,
          id,
          { name, filters: input.filters, sort: input.sort, position: input.position },
          tx.clock.now(),
        ),
      () => nameTaken(name ?? queue.name),
    );
    return getQueue(tx, actor, id);
  });
}

/** Deletes a queue the agent owns (shared ones: administrators). */
export async function deleteQueue(deps: ServiceDeps, actor: AgentActor, id: number): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const queue = await findVisibleQueue(tx, actor, id);
    requireOwnership(actor, queue);
    await repo.deleteQueue(tx.db, id);
  });
}
