import { mapForeignKeyViolation, mapUniqueViolation } from '../../db/errors.ts';
import { isNameTaken, isReferenced } from '../../db/repositories/references.repository.ts';
import type { StatusRecord } from '../../db/repositories/statuses.repository.ts';
import * as repo from '../../db/repositories/statuses.repository.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import type { TicketState } from '../../domain/ticket/lifecycle.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';

/**
 * Ticket statuses are labels over the five states. Every state keeps at least one status and exactly one
 * default (the status a ticket gets when it enters that state without one being named).
 */

export interface CreateStatusInput {
  name: string;
  state: TicketState;
  sortOrder?: number;
  isDefault?: boolean;
}

function nameTaken(name: string): AppError {
  return new AppError('already_exists', `A status named "${name}" already exists`, {
    field: 'name',
    value: name,
  });
}

function usedByTickets(status: StatusRecord, change: string): AppError {
  return new AppError('in_use', `Tickets use the status "${status.name}"; it cannot ${change}`, {
    usedBy: ['tickets'],
  });
}

function lastOfState(status: StatusRecord, change: string): AppError {
  return new AppError(
    'in_use',
    `"${status.name}" is the only status of the ${status.state} state; it cannot ${change}`,
    { usedBy: ['state'], state: status.state },
  );
}

/** Every status, in display order. */
export async function listStatuses(deps: ServiceDeps): Promise<StatusRecord[]> {
  return repo.listStatuses(deps.db);
}

/** One status; not_found when it does not exist. */
export async function getStatus(deps: ServiceDeps, id: number): Promise<StatusRecord> {
  const status = await repo.findStatus(deps.db, id);
  if (!status) throw notFound('Status', id);
  return status;
}

/** Creates a status; as the default of its state (asked for, or the state has none) it takes over. */
export async function createStatus(deps: ServiceDeps, input: CreateStatusInput): Promise<StatusRecord> {
  const name = input.name.trim();
  return inTransaction(deps, async (tx) => {
    if (await isNameTaken(tx.db, 'ticket_statuses', name)) throw nameTaken(name);
    const siblings = await repo.listOtherStatusesOfState(tx.db, input.state, 0);
    const isDefault = input.isDefault === true || !siblings.some((s) => s.isDefault);
    const now = tx.clock.now();
    const sortOrder = input.sortOrder ?? (await repo.nextStatusSortOrder(tx.db));
    const id = await mapUniqueViolation(
      () => repo.insertStatus(tx.db, { name, state: input.state, sortOrder, isDefault }, now),
      () => nameTaken(name),
    );
    if (isDefault) await repo.clearDefaultStatusOfState(tx.db, input.state, id, now);
    return getStatus(tx, id);
  });
}

/**
 * Changes the given fields of a status. Moving it to another state needs no ticket to use it and another
 * status left in the old state (which inherits the default if this one was it).
 */
export async function updateStatus(
  deps: ServiceDeps,
  id: number,
  patch: Partial<CreateStatusInput>,
): Promise<StatusRecord> {
  return inTransaction(deps, async (tx) => {
    const current = await getStatus(tx, id);
    const now = tx.clock.now();
    const name = patch.name?.trim();
    if (name !== undefined && (await isNameTaken(tx.db, 'ticket_statuses', name, id))) throw nameTaken(name);
    const state = patch.state ?? current.state;
    let isDefault = patch.isDefault ?? current.isDefault;
    if (state !== current.state) {
      if (await isReferenced(tx.db, 'tickets', 'status_id', id)) throw usedByTickets(current, 'change state');
      const oldSiblings = await repo.listOtherStatusesOfState(tx.db, current.state, id);
      const heir = oldSiblings[0];
      if (!heir) throw lastOfState(current, 'move to another state');
      if (current.isDefault && !oldSiblings.some((s) => s.isDefault)) {
        await repo.updateStatus(tx.db, heir.id, { isDefault: true }, now);
      }
      const newSiblings = await repo.listOtherStatusesOfState(tx.db, state, id);
      isDefault = patch.isDefault === true || !newSiblings.some((s) => s.isDefault);
    } else if (patch.isDefault === false && current.isDefault) {
      throw new AppError(
        'unprocessable',
        `"${current.name}" is the default ${current.state} status; make another ${current.state} status the default instead`,
        { field: 'isDefault', rule: 'default_required', state: current.state },
      );
    }
    await mapUniqueViolation(
      () =>
        repo.updateStatus(
          tx.db,
          id,
          {
            ...(name !== undefined ? { name } : {}),
            ...(patch.sortOrder !== undefined ? { sortOrder: patch.sortOrder } : {}),
            state,
            isDefault,
          },
          now,
        ),
      () => nameTaken(name ?? ''),
    );
    if (isDefault) await repo.clearDefaultStatusOfState(tx.db, state, id, now);
    return getStatus(tx, id);
  });
}

/** Deletes a status no ticket uses and that is not the last of its state; its default passes on. */
export async function deleteStatus(deps: ServiceDeps, id: number): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const status = await getStatus(tx, id);
    if (await isReferenced(tx.db, 'tickets', 'status_id', id)) throw usedByTickets(status, 'be deleted');
    const siblings = await repo.listOtherStatusesOfState(tx.db, status.state, id);
    const heir = siblings[0];
    if (!heir) throw lastOfState(status, 'be deleted');
    await mapForeignKeyViolation(
      () => repo.deleteStatus(tx.db, id),
      () => usedByTickets(status, 'be deleted'),
    );
    if (status.isDefault && !siblings.some((s) => s.isDefault)) {
      await repo.updateStatus(tx.db, heir.id, { isDefault: true }, tx.clock.now());
    }
  });
}
