import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api, call } from '../../api/client.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import type { BodyOf } from '../../api/types.ts';
import { readAttachment } from '../../lib/files.ts';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextArea, TextField } from '../../ui/field.tsx';
import { FilePicker } from '../../ui/file-picker.tsx';
import { type FormValues, TopicFieldInputs, toFieldValues } from '../../ui/form-fields.tsx';
import { FormError } from '../../ui/states.tsx';
import { useAgents, useDepartments, usePriorities, useTopics } from '../catalog.ts';
import { type Requester, RequesterPicker } from './requester-picker.tsx';

type CreateBody = BodyOf<'/api/v1/tickets', 'post'>;

const SOURCES = [
  { value: 'phone', label: 'Phone' },
  { value: 'email', label: 'Email' },
  { value: 'agent', label: 'In person / other' },
];

/** A ticket opened on a requester's behalf (the phone intake). */
export function NewTicketPage() {
  const navigate = useNavigate();
  const topics = useTopics();
  const departments = useDepartments();
  const priorities = usePriorities();
  const agents = useAgents();
  const [requester, setRequester] = useState<Requester>({ email: '', name: '' });
  const [form, setForm] = useState({
    subject: '',
    body: '',
    topicId: '',
    departmentId: '',
    priority: '',
    assigneeId: '',
    source: 'phone',
  });
  const [values, setValues] = useState<FormValues>({});
  const [files, setFiles] = useState<File[]>([]);
  // One key per form: a double submit or a retry after a dropped answer makes one ticket.
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  const topicId = form.topicId ? Number(form.topicId) : null;
  const fields = useQuery({
    queryKey: ['catalog', 'topic-fields', topicId],
    queryFn: async () =>
      (await call(api.GET('/api/v1/topics/{id}/fields', { params: { path: { id: topicId ?? 0 } } }))).items,
    enabled: topicId !== null,
  });

  const create = useMutation({
    mutationFn: async () => {
      const attachments = await Promise.all(files.map(readAttachment));
      const fieldValues = toFieldValues(fields.data ?? [], values);
      const body: CreateBody = {
        subject: form.subject,
        body: form.body,
        requester: {
          email: requester.email.trim(),
          ...(requester.name.trim() ? { name: requester.name.trim() } : {}),
        },
        source: form.source as CreateBody['source'],
        ...(topicId ? { topicId } : {}),
        ...(form.departmentId ? { departmentId: Number(form.departmentId) } : {}),
        ...(form.priority ? { priority: form.priority } : {}),
        ...(form.assigneeId ? { assigneeId: Number(form.assigneeId) } : {}),
        ...(Object.keys(fieldValues).length > 0 ? { fields: fieldValues } : {}),
        ...(attachments.length > 0 ? { attachments } : {}),
      };
      return call(
        api.POST('/api/v1/tickets', { body, params: { header: { 'idempotency-key': idempotencyKey } } }),
      );
    },
    onSuccess: (ticket) => void navigate({ to: '/tickets/$number', params: { number: ticket.number } }),
  });
  const errors = fieldErrorsOf(create.error);
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));
  const isFieldError = Object.keys(errors).length > 0;

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate();
  }

  return (
    <div className="mx-auto max-w-3xl p-4">
      <h1 className="mb-4 text-lg font-semibold text-slate-900">New ticket</h1>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <RequesterPicker
          value={requester}
          onChange={setRequester}
          error={errors.requester ?? errors['requester.email']}
        />
        <TextField
          label="Subject"
          required
          value={form.subject}
          onChange={set('subject')}
          error={errors.subject}
          maxLength={255}
        />
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField
            label="Help topic"
            value={form.topicId}
            onChange={(event) => {
              set('topicId')(event);
              setValues({});
            }}
            placeholder="None"
            options={(topics.data ?? [])
              .filter((t) => t.isActive)
              .map((t) => ({ value: String(t.id), label: t.name }))}
            error={errors.topicId}
          />
          <SelectField
            label="Department"
            value={form.departmentId}
            onChange={set('departmentId')}
            placeholder="From the topic, or the default"
            options={(departments.data ?? [])
              .filter((d) => d.isActive)
              .map((d) => ({ value: String(d.id), label: d.path }))}
            error={errors.departmentId}
          />
          <SelectField
            label="Priority"
            value={form.priority}
            onChange={set('priority')}
            placeholder="Default"
            options={(priorities.data ?? []).map((p) => ({ value: p.key, label: p.name }))}
            error={errors.priority}
          />
          <SelectField
            label="Assign to"
            value={form.assigneeId}
            onChange={set('assigneeId')}
            placeholder="Nobody yet"
            options={(agents.data ?? [])
              .filter((a) => a.isActive)
              .map((a) => ({ value: String(a.id), label: a.name }))}
            error={errors.assigneeId}
          />
          <SelectField
            label="Came in by"
            value={form.source}
            onChange={set('source')}
            options={SOURCES}
            error={errors.source}
          />
        </div>
        {fields.data && fields.data.length > 0 ? (
          <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
            <legend className="px-1 text-sm font-semibold text-slate-900">Topic details</legend>
            <TopicFieldInputs
              fields={fields.data}
              values={values}
              onChange={(key, value) => setValues((current) => ({ ...current, [key]: value }))}
              errors={errors}
            />
          </fieldset>
        ) : null}
        <TextArea
          label="Description"
          required
          rows={8}
          value={form.body}
          onChange={set('body')}
          error={errors.body}
        />
        <FilePicker files={files} onChange={setFiles} error={errors.attachments} />
        <FormError error={isFieldError ? null : create.error} />
        {isFieldError ? (
          <p role="alert" className="text-sm text-red-800">
            {create.error?.message}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button onClick={() => window.history.back()}>Cancel</Button>
          <Button type="submit" variant="primary" isBusy={create.isPending}>
            Create ticket
          </Button>
        </div>
      </form>
    </div>
  );
}
