import { api, call } from '../../api/client.ts';
import type { BodyOf, Topic, TopicField } from '../../api/types.ts';
import { Button } from '../../ui/button.tsx';
import { bool, type FormState, type ResourceConfig, ResourceScreen, text } from './resource-screen.tsx';

type FieldType = BodyOf<'/api/v1/topics/{id}/fields', 'post'>['type'];
const TYPES: Array<{ value: FieldType; label: string }> = [
  { value: 'text', label: 'Text' },
  { value: 'textarea', label: 'Long text' },
  { value: 'email', label: 'Email address' },
  { value: 'number', label: 'Number' },
  { value: 'date', label: 'Date' },
  { value: 'select', label: 'Choice (select)' },
  { value: 'checkbox', label: 'Checkbox' },
];

function bodyOf(form: FormState) {
  const type = TYPES.find((t) => t.value === text(form, 'type'))?.value ?? 'text';
  const options = text(form, 'options')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const sortOrder = text(form, 'sortOrder').trim();
  return {
    key: text(form, 'key'),
    label: text(form, 'label'),
    type,
    isRequired: bool(form, 'isRequired'),
    isPublic: bool(form, 'isPublic'),
    options: type === 'select' ? options : [],
    placeholder: text(form, 'placeholder').trim() || null,
    helpText: text(form, 'helpText').trim() || null,
    ...(sortOrder ? { sortOrder: Number(sortOrder) } : {}),
  };
}

/** The extra form of one help topic: its fields, in order. */
export function TopicFieldsEditor({ topic, onClose }: { topic: Topic; onClose: () => void }) {
  const path = { id: topic.id };
  const config: ResourceConfig<TopicField> = {
    noun: 'field',
    title: `Form of “${topic.name}”`,
    queryKey: ['catalog', 'topic-fields', topic.id],
    list: async () => (await call(api.GET('/api/v1/topics/{id}/fields', { params: { path } }))).items,
    keyOf: (item) => item.id,
    titleOf: (item) => item.label,
    columns: [
      { label: 'Label', render: (item) => item.label },
      { label: 'Key', render: (item) => <code>{item.key}</code> },
      { label: 'Type', render: (item) => TYPES.find((t) => t.value === item.type)?.label ?? item.type },
      { label: 'Required', render: (item) => (item.isRequired ? 'Yes' : '') },
      { label: 'On the portal', render: (item) => (item.isPublic ? 'Yes' : 'Agents only') },
    ],
    fields: [
      { name: 'label', label: 'Label', kind: 'text', required: true },
      {
        name: 'key',
        label: 'Key',
        kind: 'text',
        required: true,
        hint: 'Lower-case letters and digits, "-" or "_" between words. Values are stored under it.',
      },
      { name: 'type', label: 'Type', kind: 'select', required: true, options: TYPES },
      { name: 'options', label: 'Choices', kind: 'textarea', hint: 'For a choice field: one per line.' },
      { name: 'placeholder', label: 'Placeholder', kind: 'text' },
      { name: 'helpText', label: 'Help text', kind: 'text' },
      { name: 'sortOrder', label: 'Order', kind: 'number' },
      { name: 'isRequired', label: 'Required', kind: 'checkbox' },
      { name: 'isPublic', label: 'Shown on the customer portal', kind: 'checkbox' },
    ],
    toForm: (item) => ({
      label: item?.label ?? '',
      key: item?.key ?? '',
      type: item?.type ?? 'text',
      options: (item?.options ?? []).join('\n'),
      placeholder: item?.placeholder ?? '',
      helpText: item?.helpText ?? '',
      sortOrder: item ? String(item.sortOrder) : '',
      isRequired: item?.isRequired ?? false,
      isPublic: item?.isPublic ?? true,
    }),
    create: (form) => call(api.POST('/api/v1/topics/{id}/fields', { params: { path }, body: bodyOf(form) })),
    update: (item, form) =>
      call(
        api.PATCH('/api/v1/topics/{id}/fields/{fieldId}', {
          params: { path: { id: topic.id, fieldId: item.id } },
          body: bodyOf(form),
        }),
      ),
    remove: {
      label: 'Delete',
      explain: 'Tickets keep the values they hold.',
      run: (item) =>
        call(
          api.DELETE('/api/v1/topics/{id}/fields/{fieldId}', {
            params: { path: { id: topic.id, fieldId: item.id } },
          }),
        ),
    },
  };
  return (
    <div className="rounded-md border border-slate-200 p-3">
      <ResourceScreen config={config} />
      <div className="mt-2 flex justify-end">
        <Button size="sm" onClick={onClose}>
          Close the form
        </Button>
      </div>
    </div>
  );
}
