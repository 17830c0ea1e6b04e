import { api, call } from '../../api/client.ts';
import type { SlaPlan } from '../../api/types.ts';
import { catalogKeys } from '../catalog.ts';
import { bool, num, type ResourceConfig, ResourceScreen, text } from './resource-screen.tsx';

const hoursOrNull = (value: string) => (value.trim() === '' ? null : Number(value));

/** SLA plans: resolution and first-response targets in hours. */
export default function SlaPlansScreen() {
  const config: ResourceConfig<SlaPlan> = {
    noun: 'SLA plan',
    title: 'SLA plans',
    queryKey: catalogKeys.slaPlans,
    list: async () => (await call(api.GET('/api/v1/sla-plans'))).items,
    keyOf: (item) => item.id,
    titleOf: (item) => item.name,
    columns: [
      { label: 'Name', render: (item) => item.name },
      { label: 'Resolution', render: (item) => `${item.resolutionHours} h` },
      {
        label: 'First response',
        render: (item) => (item.firstResponseHours ? `${item.firstResponseHours} h` : '—'),
      },
      { label: 'Active', render: (item) => (item.isActive ? 'Yes' : 'No') },
    ],
    fields: [
      { name: 'name', label: 'Name', kind: 'text', required: true },
      { name: 'resolutionHours', label: 'Resolve within (hours)', kind: 'number', required: true },
      {
        name: 'firstResponseHours',
        label: 'First response within (hours)',
        kind: 'number',
        hint: 'Empty: no target.',
      },
      { name: 'isActive', label: 'Active', kind: 'checkbox' },
    ],
    toForm: (item) => ({
      name: item?.name ?? '',
      resolutionHours: item ? String(item.resolutionHours) : '24',
      firstResponseHours: item?.firstResponseHours ? String(item.firstResponseHours) : '',
      isActive: item?.isActive ?? true,
    }),
    create: (form) =>
      call(
        api.POST('/api/v1/sla-plans', {
          body: {
            name: text(form, 'name'),
            resolutionHours: num(form, 'resolutionHours'),
            firstResponseHours: hoursOrNull(text(form, 'firstResponseHours')),
            isActive: bool(form, 'isActive'),
          },
        }),
      ),
    update: (item, form) =>
      call(
        api.PATCH('/api/v1/sla-plans/{id}', {
          params: { path: { id: item.id } },
          body: {
            name: text(form, 'name'),
            resolutionHours: num(form, 'resolutionHours'),
            firstResponseHours: hoursOrNull(text(form, 'firstResponseHours')),
            isActive: bool(form, 'isActive'),
          },
        }),
      ),
    remove: {
      label: 'Delete',
      explain: 'A plan that departments, topics or tickets use cannot be deleted.',
      run: (item) => call(api.DELETE('/api/v1/sla-plans/{id}', { params: { path: { id: item.id } } })),
    },
  };
  return <ResourceScreen config={config} />;
}
