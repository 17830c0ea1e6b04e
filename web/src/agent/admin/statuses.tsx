import { api, call } from '../../api/client.ts';
import type { BodyOf, Status } from '../../api/types.ts';
import { StateBadge } from '../../ui/badge.tsx';
import { catalogKeys } from '../catalog.ts';
import { bool, type ResourceConfig, ResourceScreen, text } from './resource-screen.tsx';

type State = BodyOf<'/api/v1/statuses', 'post'>['state'];
const STATES: Array<{ value: State; label: string }> = [
  { value: 'open', label: 'Open' },
  { value: 'pending', label: 'Pending (pauses the SLA clock)' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'closed', label: 'Closed' },
  { value: 'archived', label: 'Archived' },
];
const stateOf = (value: string): State => STATES.find((s) => s.value === value)?.value ?? 'open';
const sortOrderOf = (value: string) => (value.trim() === '' ? {} : { sortOrder: Number(value) });

/** Ticket statuses: admin-defined labels of the five states. */
export default function StatusesScreen() {
  const config: ResourceConfig<Status> = {
    noun: 'status',
    title: 'Statuses',
    queryKey: catalogKeys.statuses,
    list: async () => (await call(api.GET('/api/v1/statuses'))).items,
    keyOf: (item) => item.id,
    titleOf: (item) => item.name,
    columns: [
      { label: 'Name', render: (item) => item.name },
      { label: 'State', render: (item) => <StateBadge state={item.state} /> },
      { label: 'Default of its state', render: (item) => (item.isDefault ? 'Yes' : '') },
      { label: 'Order', render: (item) => item.sortOrder },
    ],
    fields: [
      { name: 'name', label: 'Name', kind: 'text', required: true },
      { name: 'state', label: 'State', kind: 'select', required: true, options: STATES },
      { name: 'sortOrder', label: 'Order', kind: 'number', hint: 'Empty: last.' },
      { name: 'isDefault', label: 'Default status of its state', kind: 'checkbox' },
    ],
    toForm: (item) => ({
      name: item?.name ?? '',
      state: item?.state ?? 'open',
      sortOrder: item ? String(item.sortOrder) : '',
      isDefault: item?.isDefault ?? false,
    }),
    create: (form) =>
      call(
        api.POST('/api/v1/statuses', {
          body: {
            name: text(form, 'name'),
            state: stateOf(text(form, 'state')),
            isDefault: bool(form, 'isDefault'),
            ...sortOrderOf(text(form, 'sortOrder')),
          },
        }),
      ),
    update: (item, form) =>
      call(
        api.PATCH('/api/v1/statuses/{id}', {
          params: { path: { id: item.id } },
          body: {
            name: text(form, 'name'),
            state: stateOf(text(form, 'state')),
            isDefault: bool(form, 'isDefault'),
            ...sortOrderOf(text(form, 'sortOrder')),
          },
        }),
      ),
    remove: {
      label: 'Delete',
      explain: 'A status tickets use, or the last of its state, cannot be deleted.',
      run: (item) => call(api.DELETE('/api/v1/statuses/{id}', { params: { path: { id: item.id } } })),
    },
  };
  return <ResourceScreen config={config} />;
}
