import { api, call } from '../../api/client.ts';
import type { Department } from '../../api/types.ts';
import { Badge } from '../../ui/badge.tsx';
import { catalogKeys, useDepartments, useSlaPlans } from '../catalog.ts';
import { bool, idOrNull, type ResourceConfig, ResourceScreen, str, text } from './resource-screen.tsx';

/** Departments: nesting, SLA plan, active. */
export default function DepartmentsScreen() {
  const departments = useDepartments();
  const slaPlans = useSlaPlans();
  const config: ResourceConfig<Department> = {
    noun: 'department',
    title: 'Departments',
    queryKey: catalogKeys.departments,
    // The sidebar lists a queue per department.
    alsoInvalidate: [['queue-counts']],
    list: async () => (await call(api.GET('/api/v1/departments'))).items,
    keyOf: (item) => item.id,
    titleOf: (item) => item.name,
    columns: [
      { label: 'Name', render: (item) => item.path },
      {
        label: 'SLA plan',
        render: (item) => slaPlans.data?.find((plan) => plan.id === item.slaPlanId)?.name ?? '—',
      },
      {
        label: 'State',
        render: (item) =>
          item.isActive ? (
            <Badge>Active</Badge>
          ) : (
            <Badge className="bg-slate-200 text-slate-700">Inactive</Badge>
          ),
      },
    ],
    fields: [
      { name: 'name', label: 'Name', kind: 'text', required: true },
      {
        name: 'parentId',
        label: 'Parent department',
        kind: 'select',
        noneLabel: 'None (top level)',
        options: (departments.data ?? []).map((d) => ({ value: String(d.id), label: d.path })),
      },
      {
        name: 'slaPlanId',
        label: 'SLA plan',
        kind: 'select',
        options: (slaPlans.data ?? []).map((plan) => ({ value: String(plan.id), label: plan.name })),
      },
      {
        name: 'isActive',
        label: 'Active',
        kind: 'checkbox',
        hint: 'Inactive departments take no new tickets.',
      },
    ],
    toForm: (item) => ({
      name: item?.name ?? '',
      parentId: str(item?.parentId),
      slaPlanId: str(item?.slaPlanId),
      isActive: item?.isActive ?? true,
    }),
    create: (form) =>
      call(
        api.POST('/api/v1/departments', {
          body: {
            name: text(form, 'name'),
            parentId: idOrNull(form, 'parentId'),
            slaPlanId: idOrNull(form, 'slaPlanId'),
            isActive: bool(form, 'isActive'),
          },
        }),
      ),
    update: (item, form) =>
      call(
        api.PATCH('/api/v1/departments/{id}', {
          params: { path: { id: item.id } },
          body: {
            name: text(form, 'name'),
            parentId: idOrNull(form, 'parentId'),
            slaPlanId: idOrNull(form, 'slaPlanId'),
            isActive: bool(form, 'isActive'),
          },
        }),
      ),
    remove: {
      label: 'Delete',
      explain:
        'A department that tickets, agents, topics or other departments use cannot be deleted; deactivate it instead.',
      run: (item) => call(api.DELETE('/api/v1/departments/{id}', { params: { path: { id: item.id } } })),
    },
  };
  return <ResourceScreen config={config} />;
}
