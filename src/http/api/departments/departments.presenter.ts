import type { Static } from 'typebox';
import { iso } from '../../../lib/json.ts';
import type { Department as DepartmentView } from '../../../services/departments/departments.ts';
import type { Department } from './departments.schema.ts';

/** A department as the API shows it, with its path. */
export function presentDepartment(department: DepartmentView): Static<typeof Department> {
  return {
    id: department.id,
    name: department.name,
    parentId: department.parentId,
    path: department.path,
    slaPlanId: department.slaPlanId,
    isActive: department.isActive,
    createdAt: iso(department.createdAt) as string,
    updatedAt: iso(department.updatedAt) as string,
  };
}
