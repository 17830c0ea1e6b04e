import { api, call } from '../../api/client.ts';
import type { CannedResponse } from '../../api/types.ts';
import { useDepartments } from '../catalog.ts';
import { bool, idOrNull, type ResourceConfig, ResourceScreen, str, text } from './resource-screen.tsx';

const PLACEHOLDER_HINT =
  'Filled in when inserted: {{ticket.number}}, {{ticket.subject}}, {{requester.name}}, {{agent.name}}.';

/** Canned responses: reply snippets for one department or for every department. */
export default function CannedResponsesScreen() {
  const departments = useDepartments();
  const departmentName = (id: number | null) =>
    id === null ? 'Every department' : (departments.data?.find((d) => d.id === id)?.path ?? '—');
  const config: ResourceConfig<CannedResponse> = {
    noun: 'canned response',
    title: 'Canned responses',
    queryKey: ['admin', 'canned-responses'],
    alsoInvalidate: [['canned-responses']],
    list: async () =>
      (await call(api.GET('/api/v1/canned-responses', { params: { query: { all: true } } }))).items,
    keyOf: (item) => item.id,
    titleOf: (item) => item.title,
    columns: [
      { label: 'Title', render: (item) => item.title },
      { label: 'Department', render: (item) => departmentName(item.departmentId) },
      { label: 'Active', render: (item) => (item.isActive ? 'Yes' : 'No') },
    ],
    fields: [
      { name: 'title', label: 'Title', kind: 'text', required: true },
      {
        name: 'departmentId',
        label: 'Department',
        kind: 'select',
        noneLabel: 'Every department',
        options: (departments.data ?? []).map((d) => ({ value: String(d.id), label: d.path })),
      },
      { name: 'body', label: 'Body', kind: 'textarea', required: true, hint: PLACEHOLDER_HINT },
      { name: 'isActive', label: 'Active', kind: 'checkbox' },
    ],
    toForm: (item) => ({
      title: item?.title ?? '',
      departmentId: str(item?.departmentId),
      body: item?.bodyText ?? '',
      isActive: item?.isActive ?? true,
    }),
    create: (form) =>
      call(
        api.POST('/api/v1/canned-responses', {
          body: {
            title: text(form, 'title'),
            body: text(form, 'body'),
            departmentId: idOrNull(form, 'departmentId'),
            isActive: bool(form, 'isActive'),
          },
        }),
      ),
    update: (item, form) =>
      call(
        api.PATCH('/api/v1/canned-responses/{id}', {
          params: { path: { id: item.id } },
          body: {
            title: text(form, 'title'),
            // Resending an unchanged body would replace HTML written through the API with its plain text.
            ...(text(form, 'body') !== item.bodyText ? { body: text(form, 'body') } : {}),
            departmentId: idOrNull(form, 'departmentId'),
            isActive: bool(form, 'isActive'),
          },
        }),
      ),
    remove: {
      label: 'Delete',
      run: (item) => call(api.DELETE('/api/v1/canned-responses/{id}', { params: { path: { id: item.id } } })),
    },
  };
  return <ResourceScreen config={config} />;
}
