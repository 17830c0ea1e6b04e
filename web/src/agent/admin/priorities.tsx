import { api, call } from '../../api/client.ts';
import type { Priority } from '../../api/types.ts';
import { PriorityBadge } from '../../ui/badge.tsx';
import { catalogKeys } from '../catalog.ts';
import { bool, num, type ResourceConfig, ResourceScreen, text } from './resource-screen.tsx';

/** Priorities: key, name, urgency, colour, the default. */
export default function PrioritiesScreen() {
  const config: ResourceConfig<Priority> = {
    noun: 'priority',
    title: 'Priorities',
    queryKey: catalogKeys.priorities,
    list: async () => (await call(api.GET('/api/v1/priorities'))).items,
    keyOf: (item) => item.id,
    titleOf: (item) => item.name,
    columns: [
      { label: 'Name', render: (item) => <PriorityBadge priorityKey={item.key} name={item.name} /> },
      { label: 'Key', render: (item) => <code>{item.key}</code> },
      { label: 'Urgency', render: (item) => item.urgency },
      {
        label: 'Colour',
        render: (item) => (
          <span className="inline-flex items-center gap-1">
            <span
              aria-hidden="true"
              className="inline-block size-3 rounded-sm"
              style={{ backgroundColor: item.color }}
            />
            {item.color}
          </span>
        ),
      },
      { label: 'Default', render: (item) => (item.isDefault ? 'Yes' : '') },
    ],
    fields: [
      {
        name: 'key',
        label: 'Key',
        kind: 'text',
        required: true,
        isCreateOnly: true,
        hint: 'Lower-case letters, digits, - and _. It cannot change later.',
      },
      { name: 'name', label: 'Name', kind: 'text', required: true },
      {
        name: 'urgency',
        label: 'Urgency',
        kind: 'number',
        required: true,
        hint: '1 to 100; 1 is the most urgent.',
      },
      { name: 'color', label: 'Colour', kind: 'color', required: true },
      { name: 'isDefault', label: 'Default priority', kind: 'checkbox' },
    ],
    toForm: (item) => ({
      key: item?.key ?? '',
      name: item?.name ?? '',
      urgency: item ? String(item.urgency) : '50',
      color: item?.color ?? '#64748b',
      isDefault: item?.isDefault ?? false,
    }),
    create: (form) =>
      call(
        api.POST('/api/v1/priorities', {
          body: {
            key: text(form, 'key'),
            name: text(form, 'name'),
            urgency: num(form, 'urgency'),
            color: text(form, 'color'),
            isDefault: bool(form, 'isDefault'),
          },
        }),
      ),
    update: (item, form) =>
      call(
        api.PATCH('/api/v1/priorities/{id}', {
          params: { path: { id: item.id } },
          body: {
            name: text(form, 'name'),
            urgency: num(form, 'urgency'),
            color: text(form, 'color'),
            isDefault: bool(form, 'isDefault'),
          },
        }),
      ),
    remove: {
      label: 'Delete',
      explain: 'The default priority, and one that tickets or topics use, cannot be deleted.',
      run: (item) => call(api.DELETE('/api/v1/priorities/{id}', { params: { path: { id: item.id } } })),
    },
  };
  return <ResourceScreen config={config} />;
}
