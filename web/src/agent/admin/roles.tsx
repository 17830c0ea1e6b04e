import { api, call } from '../../api/client.ts';
import type { BodyOf, Role } from '../../api/types.ts';
import { catalogKeys } from '../catalog.ts';
import { type ResourceConfig, ResourceScreen, text } from './resource-screen.tsx';

type Permission = BodyOf<'/api/v1/roles', 'post'>['permissions'][number];

const PERMISSIONS: Array<{ value: Permission; label: string }> = [
  { value: 'ticket.create', label: 'Create tickets' },
  { value: 'ticket.edit', label: 'Edit properties' },
  { value: 'ticket.assign', label: 'Assign' },
  { value: 'ticket.transfer', label: 'Transfer' },
  { value: 'ticket.reply', label: 'Reply' },
  { value: 'ticket.resolve', label: 'Resolve' },
  { value: 'ticket.delete', label: 'Delete' },
];

const permissionsOf = (value: unknown): Permission[] =>
  Array.isArray(value) ? PERMISSIONS.map((p) => p.value).filter((key) => value.includes(key)) : [];

/** Roles: the permission keys an agent holds in a department. */
export default function RolesScreen() {
  const config: ResourceConfig<Role> = {
    noun: 'role',
    title: 'Roles',
    queryKey: catalogKeys.roles,
    list: async () => (await call(api.GET('/api/v1/roles'))).items,
    keyOf: (item) => item.id,
    titleOf: (item) => item.name,
    columns: [
      { label: 'Name', render: (item) => item.name },
      {
        label: 'Permissions',
        render: (item) =>
          PERMISSIONS.filter((p) => (item.permissions as string[]).includes(p.value))
            .map((p) => p.label)
            .join(', ') || '—',
      },
    ],
    fields: [
      { name: 'name', label: 'Name', kind: 'text', required: true },
      {
        name: 'permissions',
        label: 'Permissions',
        kind: 'checkboxes',
        options: PERMISSIONS,
        hint: 'Granted in every department the role is held in.',
      },
    ],
    toForm: (item) => ({ name: item?.name ?? '', permissions: (item?.permissions ?? []).map(String) }),
    create: (form) =>
      call(
        api.POST('/api/v1/roles', {
          body: { name: text(form, 'name'), permissions: permissionsOf(form.permissions) },
        }),
      ),
    update: (item, form) =>
      call(
        api.PATCH('/api/v1/roles/{id}', {
          params: { path: { id: item.id } },
          body: { name: text(form, 'name'), permissions: permissionsOf(form.permissions) },
        }),
      ),
    remove: {
      label: 'Delete',
      explain: 'A role an agent holds cannot be deleted.',
      run: (item) => call(api.DELETE('/api/v1/roles/{id}', { params: { path: { id: item.id } } })),
    },
  };
  return <ResourceScreen config={config} />;
}
