import { mapForeignKeyViolation, mapUniqueViolation } from '../../db/errors.ts';
import type { PriorityFields, PriorityRecord } from '../../db/repositories/priorities.repository.ts';
import * as repo from '../../db/repositories/priorities.repository.ts';
import { findReferencingLabels, isNameTaken } from '../../db/repositories/references.repository.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';

export interface CreatePriorityInput {
  key: string;
  name: string;
  urgency: number;
  color: string;
  isDefault?: boolean;
}

export type UpdatePriorityInput = Partial<Omit<CreatePriorityInput, 'key'>>;

function nameTaken(name: string): AppError {
  return new AppError('already_exists', `A priority named "${name}" already exists`, {
    field: 'name',
    value: name,
  });
}

function keyTaken(key: string): AppError {
  return new AppError('already_exists', `A priority with the key "${key}" already exists`, {
    field: 'key',
    value: key,
  });
}

/** Every priority, most urgent first. */
export async function listPriorities(deps: ServiceDeps): Promise<PriorityRecord[]> {
  return repo.listPriorities(deps.db);
}

/** One priority; not_found when it does not exist. */
export async function getPriority(deps: ServiceDeps, id: number): Promise<PriorityRecord> {
  const priority = await repo.findPriority(deps.db, id);
  if (!priority) throw notFound('Priority', id);
  return priority;
}

/** Creates a priority with a unique key and name; making it the default takes that from the old one. */
export async function createPriority(deps: ServiceDeps, input: CreatePriorityInput): Promise<PriorityRecord> {
  const name = input.name.trim();
  return inTransaction(deps, async (tx) => {
    if (await repo.isPriorityKeyTaken(tx.db, input.key)) throw keyTaken(input.key);
    if (await isNameTaken(tx.db, 'priorities', name)) throw nameTaken(name);
    const fields: PriorityFields = {
      key: input.key,
      name,
      urgency: input.urgency,
      color: input.color.toLowerCase(),
      isDefault: input.isDefault ?? false,
    };
    const id = await mapUniqueViolation(
      () => repo.insertPriority(tx.db, fields),
      () => keyTaken(input.key),
    );
    if (fields.isDefault) await repo.clearDefaultPriority(tx.db, id);
    return getPriority(tx, id);
  });
}

/** Changes the given fields of a priority; the key never changes and one priority is always the default. */
export async function updatePriority(
  deps: ServiceDeps,
  id: number,
  patch: UpdatePriorityInput,
): Promise<PriorityRecord> {
  return inTransaction(deps, async (tx) => {
    const current = await getPriority(tx, id);
    const name = patch.name?.trim();
    if (name !== undefined && (await isNameTaken(tx.db, 'priorities', name, id))) throw nameTaken(name);
    if (patch.isDefault === false && current.isDefault) {
      throw new AppError(
        'unprocessable',
        `"${current.name}" is the default priority; make another priority the default instead`,
        { field: 'isDefault', rule: 'default_required' },
      );
    }
    await repo.updatePriority(tx.db, id, {
      ...(name !== undefined ? { name } : {}),
      ...(patch.urgency !== undefined ? { urgency: patch.urgency } : {}),
      ...(patch.color !== undefined ? { color: patch.color.toLowerCase() } : {}),
      ...(patch.isDefault !== undefined ? { isDefault: patch.isDefault } : {}),
    });
    if (patch.isDefault === true) await repo.clearDefaultPriority(tx.db, id);
    return getPriority(tx, id);
  });
}

/** Deletes a priority that is not the default and that no ticket or help topic uses. */
export async function deletePriority(deps: ServiceDeps, id: number): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const priority = await getPriority(tx, id);
    if (priority.isDefault) {
      throw new AppError(
        'in_use',
        `"${priority.name}" is the default priority; make another priority the default first`,
        { usedBy: ['default'] },
      );
    }
    const usedBy = await findReferencingLabels(tx.db, id, [
      { label: 'tickets', table: 'tickets', column: 'priority_id' },
      { label: 'topics', table: 'help_topics', column: 'priority_id' },
    ]);
    const inUse = () =>
      new AppError(
        'in_use',
        `The priority "${priority.name}" is still used by ${usedBy.join(', ') || 'other records'}`,
        {
          usedBy,
        },
      );
    if (usedBy.length > 0) throw inUse();
    await mapForeignKeyViolation(() => repo.deletePriority(tx.db, id), inUse);
  });
}
