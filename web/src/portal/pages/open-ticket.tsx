import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api, call } from '../../api/client.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import type { BodyOf } from '../../api/types.ts';
import { readAttachment } from '../../lib/files.ts';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextArea, TextField } from '../../ui/field.tsx';
import { FilePicker, MAX_ATTACHMENT_BYTES } from '../../ui/file-picker.tsx';
import { type FormValues, TopicFieldInputs, toFieldValues } from '../../ui/form-fields.tsx';
import { ErrorState, FormError, Loading } from '../../ui/states.tsx';
import { usePortalSession } from '../session.tsx';

type OpenBody = BodyOf<'/api/v1/portal/tickets', 'post'>;

/** The ticket form: a help topic with its own fields, the description and attachments. */
export function OpenTicketPage() {
  const { user } = usePortalSession();
  const topics = useQuery({
    queryKey: ['portal', 'topics'],
    queryFn: async () => (await call(api.GET('/api/v1/portal/topics'))).items,
  });
  const [form, setForm] = useState({ email: '', name: '', topicId: '', subject: '', body: '', website: '' });
  const [values, setValues] = useState<FormValues>({});
  const [files, setFiles] = useState<File[]>([]);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const topic = topics.data?.find((item) => String(item.id) === form.topicId);

  const submit = useMutation({
    mutationFn: async () => {
      if (files.reduce((sum, file) => sum + file.size, 0) > MAX_ATTACHMENT_BYTES)
        throw new Error('The attachments are too large.');
      const attachments = await Promise.all(files.map(readAttachment));
      const fields = toFieldValues(topic?.fields ?? [], values);
      const body: OpenBody = {
        subject: form.subject,
        body: form.body,
        website: form.website,
        ...(user
          ? {}
          : { email: form.email.trim(), ...(form.name.trim() ? { name: form.name.trim() } : {}) }),
        ...(topic ? { topicId: topic.id } : {}),
        ...(Object.keys(fields).length > 0 ? { fields } : {}),
        ...(attachments.length > 0 ? { attachments } : {}),
      };
      return call(
        api.POST('/api/v1/portal/tickets', {
          body,
          params: { header: { 'idempotency-key': idempotencyKey } },
        }),
      );
    },
  });
  const errors = fieldErrorsOf(submit.error);
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));

  if (submit.data) {
    return (
      <div className="space-y-3 rounded-lg border border-green-300 bg-green-50 p-5" role="status">
        <h1 className="text-xl font-semibold text-green-950">Thank you, we have your request</h1>
        <p className="text-green-950">
          Your ticket number is <strong data-testid="ticket-number">{submit.data.number}</strong>.
        </p>
        <p className="text-sm text-green-950">
          {submit.data.accessLinkSent
            ? 'We emailed you a link to follow it and to answer us.'
            : 'We will write to you by email; you can also follow it here.'}
        </p>
        {user ? (
          <Link
            to="/tickets/$number"
            params={{ number: submit.data.number }}
            className="text-blue-800 underline"
          >
            Open the ticket
          </Link>
        ) : null}
      </div>
    );
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    submit.mutate();
  }

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-slate-900">Open a ticket</h1>
      {topics.isPending ? (
        <Loading />
      ) : topics.isError ? (
        <ErrorState error={topics.error} onRetry={() => void topics.refetch()} />
      ) : null}
      <form
        onSubmit={onSubmit}
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
        noValidate
      >
        {user ? (
          <p className="text-sm text-slate-700">
            Signed in as <strong>{user.name}</strong> ({user.email}).
          </p>
        ) : (
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField
              label="Your email"
              type="email"
              autoComplete="email"
              required
              value={form.email}
              onChange={set('email')}
              error={errors.email}
            />
            <TextField
              label="Your name"
              autoComplete="name"
              value={form.name}
              onChange={set('name')}
              error={errors.name}
            />
          </div>
        )}
        {topics.data && topics.data.length > 0 ? (
          <SelectField
            label="What is it about?"
            value={form.topicId}
            onChange={(event) => {
              set('topicId')(event);
              setValues({});
            }}
            placeholder="Something else"
            options={topics.data.map((item) => ({ value: String(item.id), label: item.name }))}
            error={errors.topicId}
          />
        ) : null}
        {topic && topic.fields.length > 0 ? (
          <TopicFieldInputs
            fields={topic.fields}
            values={values}
            onChange={(key, value) => setValues((current) => ({ ...current, [key]: value }))}
            errors={errors}
          />
        ) : null}
        <TextField
          label="Subject"
          required
          maxLength={255}
          value={form.subject}
          onChange={set('subject')}
          error={errors.subject}
        />
        <TextArea
          label="Describe the problem"
          required
          rows={7}
          value={form.body}
          onChange={set('body')}
          error={errors.body}
        />
        <FilePicker files={files} onChange={setFiles} error={errors.attachments} />
        {/* A field people never see: scripts that fill in every input give themselves away. */}
        <div aria-hidden="true" className="absolute -left-[9999px] h-px w-px overflow-hidden">
          <label htmlFor="website">Leave this empty</label>
          <input
            id="website"
            name="website"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            value={form.website}
            onChange={set('website')}
          />
        </div>
        <FormError error={Object.keys(errors).length > 0 ? null : submit.error} />
        {Object.keys(errors).length > 0 ? (
          <p role="alert" className="text-sm text-red-800">
            Please correct the fields marked above.
          </p>
        ) : null}
        <Button type="submit" variant="primary" isBusy={submit.isPending} className="w-full sm:w-auto">
          Send
        </Button>
      </form>
    </div>
  );
}
