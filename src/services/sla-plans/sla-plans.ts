import { mapForeignKeyViolation, mapUniqueViolation } from '../../db/errors.ts';
import { findReferencingLabels, isNameTaken } from '../../db/repositories/references.repository.ts';
import type { SlaPlanFields, SlaPlanRecord } from '../../db/repositories/sla-plans.repository.ts';
import * as repo from '../../db/repositories/sla-plans.repository.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';

export interface CreateSlaPlanInput {
  name: string;
  resolutionHours: number;
  firstResponseHours?: number | null;
  isActive?: boolean;
}

function nameTaken(name: string): AppError {
  return new AppError('already_exists', `An SLA plan named "${name}" already exists`, {
    field: 'name',
    value: name,
  });
}

/** Every SLA plan. */
export async function listSlaPlans(deps: ServiceDeps): Promise<SlaPlanRecord[]> {
  return repo.listSlaPlans(deps.db);
}

/** One SLA plan; not_found when it does not exist. */
export async function getSlaPlan(deps: ServiceDeps, id: number): Promise<SlaPlanRecord> {
  const plan = await repo.findSlaPlan(deps.db, id);
  if (!plan) throw notFound('SLA plan', id);
  return plan;
}

/** Creates an SLA plan with a unique name. */
export async function createSlaPlan(deps: ServiceDeps, input: CreateSlaPlanInput): Promise<SlaPlanRecord> {
  const name = input.name.trim();
  return inTransaction(deps, async (tx) => {
    if (await isNameTaken(tx.db, 'sla_plans', name)) throw nameTaken(name);
    const fields: SlaPlanFields = {
      name,
      resolutionHours: input.resolutionHours,
      firstResponseHours: input.firstResponseHours ?? null,
      isActive: input.isActive ?? true,
    };
    const id = await mapUniqueViolation(
      () => repo.insertSlaPlan(tx.db, fields, tx.clock.now()),
      () => nameTaken(name),
    );
    return getSlaPlan(tx, id);
  });
}

/** Changes the given fields of an SLA plan. */
export async function updateSlaPlan(
  deps: ServiceDeps,
  id: number,
  patch: Partial<CreateSlaPlanInput>,
): Promise<SlaPlanRecord> {
  return inTransaction(deps, async (tx) => {
    await getSlaPlan(tx, id);
    const name = patch.name?.trim();
    if (name !== undefined && (await isNameTaken(tx.db, 'sla_plans', name, id))) throw nameTaken(name);
    const fields: Partial<SlaPlanFields> = {
      ...(name !== undefined ? { name } : {}),
      ...(patch.resolutionHours !== undefined ? { resolutionHours: patch.resolutionHours } : {}),
      ...(patch.firstResponseHours !== undefined ? { firstResponseHours: patch.firstResponseHours } : {}),
      ...(patch.isActive !== undefined ? { isActive: patch.isActive } : {}),
    };
    await mapUniqueViolation(
      () => repo.updateSlaPlan(tx.db, id, fields, tx.clock.now()),
      () => nameTaken(name ?? ''),
    );
    return getSlaPlan(tx, id);
  });
}

/** Deletes an SLA plan no department, help topic or ticket uses. */
export async function deleteSlaPlan(deps: ServiceDeps, id: number): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const plan = await getSlaPlan(tx, id);
    const usedBy = await findReferencingLabels(tx.db, id, [
      { label: 'departments', table: 'departments', column: 'sla_plan_id' },
      { label: 'topics', table: 'help_topics', column: 'sla_plan_id' },
      { label: 'tickets', table: 'tickets', column: 'sla_plan_id' },
    ]);
    const inUse = () =>
      new AppError(
        'in_use',
        `The SLA plan "${plan.name}" is still used by ${usedBy.join(', ') || 'other records'}`,
        {
          usedBy,
        },
      );
    if (usedBy.length > 0) throw inUse();
    await mapForeignKeyViolation(() => repo.deleteSlaPlan(tx.db, id), inUse);
  });
}
