import { mapForeignKeyViolation, mapUniqueViolation } from '../../db/errors.ts';
import { findReferencingLabels, isNameTaken } from '../../db/repositories/references.repository.ts';
import type { RoleRecord } from '../../db/repositories/roles.repository.ts';
import * as repo from '../../db/repositories/roles.repository.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { isPermission, type Permission } from '../../domain/permissions/permissions.ts';
import { inTransaction, type ServiceDeps } from '../deps.ts';

export interface CreateRoleInput {
  name: string;
  permissions: readonly string[];
}

function nameTaken(name: string): AppError {
  return new AppError('already_exists', `A role named "${name}" already exists`, {
    field: 'name',
    value: name,
  });
}

// The route schema already limits keys to PERMISSIONS; this keeps the service safe for other callers.
function checkedPermissions(keys: readonly string[]): Permission[] {
  const unknown = keys.filter((key) => !isPermission(key));
  if (unknown.length > 0) {
    throw new AppError('validation_failed', `Unknown permission keys: ${unknown.join(', ')}`, {
      in: 'body',
      field: 'permissions',
      unknown,
    });
  }
  return [...new Set(keys as Permission[])];
}

/** Every role. */
export async function listRoles(deps: ServiceDeps): Promise<RoleRecord[]> {
  return repo.listRoles(deps.db);
}

/** One role; not_found when it does not exist. */
export async function getRole(deps: ServiceDeps, id: number): Promise<RoleRecord> {
  const role = await repo.findRole(deps.db, id);
  if (!role) throw notFound('Role', id);
  return role;
}

/** Creates a role with a unique name and known permission keys. */
export async function createRole(deps: ServiceDeps, input: CreateRoleInput): Promise<RoleRecord> {
  const name = input.name.trim();
  const permissions = checkedPermissions(input.permissions);
  return inTransaction(deps, async (tx) => {
    if (await isNameTaken(tx.db, 'roles', name)) throw nameTaken(name);
    const id = await mapUniqueViolation(
      () => repo.insertRole(tx.db, { name, permissions }, tx.clock.now()),
      () => nameTaken(name),
    );
    return getRole(tx, id);
  });
}

/** Changes a role's name or permissions; the permissions list replaces the old one. */
export async function updateRole(
  deps: ServiceDeps,
  id: number,
  patch: Partial<CreateRoleInput>,
): Promise<RoleRecord> {
  const name = patch.name?.trim();
  const permissions = patch.permissions ? checkedPermissions(patch.permissions) : undefined;
  return inTransaction(deps, async (tx) => {
    await getRole(tx, id);
    if (name !== undefined && (await isNameTaken(tx.db, 'roles', name, id))) throw nameTaken(name);
    await mapUniqueViolation(
      () =>
        repo.updateRole(
          tx.db,
          id,
          { ...(name !== undefined ? { name } : {}), ...(permissions ? { permissions } : {}) },
          tx.clock.now(),
        ),
      () => nameTaken(name ?? ''),
    );
    return getRole(tx, id);
  });
}

/** Deletes a role no agent holds, in their primary department or any other. */
export async function deleteRole(deps: ServiceDeps, id: number): Promise<void> {
  await inTransaction(deps, async (tx) => {
    const role = await getRole(tx, id);
    const usedBy = await findReferencingLabels(tx.db, id, [
      { label: 'agents', table: 'agents', column: 'role_id' },
      { label: 'agentDepartments', table: 'agent_departments', column: 'role_id' },
    ]);
    const inUse = () =>
      new AppError('in_use', `Agents still hold the role "${role.name}"`, {
        usedBy: usedBy.length ? usedBy : ['agents'],
      });
    if (usedBy.length > 0) throw inUse();
    await mapForeignKeyViolation(() => repo.deleteRole(tx.db, id), inUse);
  });
}
