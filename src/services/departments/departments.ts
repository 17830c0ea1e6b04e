import { mapForeignKeyViolation, mapUniqueViolation } from '../../db/errors.ts';
import type { DepartmentFields, DepartmentRecord } from '../../db/repositories/departments.repository.ts';
import * as repo from '../../db/repositories/departments.repository.ts';
import {
  findMissingReference,
  findReferencingLabels,
  isNameTaken,
} from '../../db/repositories/references.repository.ts';
import { AppError, notFound, unknownReference } from '../../domain/errors.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';
import { type DepartmentTree, pathOf, wouldCreateCycle } from './department-tree.ts';

export interface Department extends DepartmentRecord {
  /** The names from the top department down to this one, "Support / Billing". */
  path: string;
}

export interface CreateDepartmentInput {
  name: string;
  parentId?: number | null;
  slaPlanId?: number | null;
  isActive?: boolean;
}

function nameTaken(name: string): AppError {
  return new AppError('already_exists', `A department named "${name}" already exists`, {
    field: 'name',
    value: name,
  });
}

function treeOf(records: readonly DepartmentRecord[]): DepartmentTree {
  return new Map(records.map((d) => [d.id, { name: d.name, parentId: d.parentId }]));
}

/** Every department with its path. */
export async function listDepartments(deps: ServiceDeps): Promise<Department[]> {
  const records = await repo.listDepartments(deps.db);
  const tree = treeOf(records);
  return records.map((d) => ({ ...d, path: pathOf(tree, d.id) }));
}

/** One department with its path; not_found when it does not exist. */
export async function getDepartment(deps: ServiceDeps, id: number): Promise<Department> {
  const department = (await listDepartments(deps)).find((d) => d.id === id);
  if (!department) throw notFound('Department', id);
  return department;
}

async function checkReferences(
  deps: ServiceDeps,
  input: { parentId?: number | null; slaPlanId?: number | null },
): Promise<void> {
  const missing = await findMissingReference(deps.db, [
    { field: 'parentId', table: 'departments', id: input.parentId },
    { field: 'slaPlanId', table: 'sla_plans', id: input.slaPlanId },
  ]);
  if (missing) throw unknownReference(missing.field, missing.id);
}

/** Creates a department, at the top or under an existing one. */
export async function createDepartment(deps: ServiceDeps, input: CreateDepartmentInput): Promise<Department> {
  const name = input.name.trim();
  return inTransaction(deps, async (tx) => {
    await checkReferences(tx, input);
    if (await isNameTaken(tx.db, 'departments', name)) throw nameTaken(name);
    const fields: DepartmentFields = {
      name,
      parentId: input.parentId ?? null,
      slaPlanId: input.slaPlanId ?? null,
      isActive: input.isActive ?? true,
    };
    const id = await mapUniqueViolation(
      () => repo.insertDepartment(tx.db, fields, tx.clock.now()),
      () => nameTaken(name),
    );
    return getDepartment(tx, id);
  });
}

/** Changes the given fields of a department; a new parent may not be the department or one below it. */
export async function updateDepartment(
  deps: ServiceDeps,
  id: number,
  patch: Partial<CreateDepartmentInput>,
): Promise<Department> {
  return inTransaction(deps, async (tx) => {
    const records = await repo.listDepartments(tx.db);
    const current = records.find((d) => d.id === id);
    if (!current) throw notFound('Department', id);
    await checkReferences(tx, patch);
    if (patch.parentId === id) {
      throw new AppError('unprocessable', 'A department cannot be its own parent', {
        field: 'parentId',
        rule: 'self_parent',
        id,
      });
    }
    if (patch.parentId != null && wouldCreateCycle(treeOf(records), id, patch.parentId)) {
      throw new AppError(
        'unprocessable',
        `Department ${patch.parentId} is below "${current.name}"; a department cannot be placed under its own descendant`,
        { field: 'parentId', rule: 'department_cycle', id: patch.parentId },
      );
    }
    const name = patch.name?.trim();
    if (name !== undefined && (await isNameTaken(tx.db, 'departments', name, id))) throw nameTaken(name);
    const fields: Partial<DepartmentFields> = {
      ...(name !== undefined ? { name } : {}),
      ...(patch.parentId !== undefined ? { parentId: patch.parentId } : {}),
      ...(patch.slaPlanId !== undefined ? { slaPlanId: patch.slaPlanId } : {}),
      ...(patch.isActive !== undefined ? { isActive: patch.isActive } : {}),
    };
    await mapUniqueViolation(
      () => repo.updateDepartment(tx.db, id, fields, tx.clock.now()),
      () => nameTaken(name ?? ''),
    );
    return getDepartment(tx, id);
  });
}

/** Deletes a department that no ticket, agent, help topic or child department refers to. */
export async function deleteDepartment(deps: ServiceDeps, id: number): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const department = await getDepartment(tx, id);
    const usedBy = await findReferencingLabels(tx.db, id, [
      { label: 'tickets', table: 'tickets', column: 'department_id' },
      { label: 'agents', table: 'agents', column: 'department_id' },
      { label: 'topics', table: 'help_topics', column: 'department_id' },
      { label: 'departments', table: 'departments', column: 'parent_id' },
    ]);
    const inUse = () =>
      new AppError(
        'in_use',
        `The department "${department.path}" is still used by ${usedBy.join(', ') || 'other records'}; deactivate it instead`,
        { usedBy },
      );
    if (usedBy.length > 0) throw inUse();
    await mapForeignKeyViolation(() => repo.deleteDepartment(tx.db, id), inUse);
  });
}
